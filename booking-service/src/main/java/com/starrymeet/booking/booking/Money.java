package com.starrymeet.booking.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/** Integer cents (ARCHITECTURE.md, Money): the platform fee split and the display form. */
public final class Money {

	/** The platform's share of every booking, in percent. */
	public static final int PLATFORM_FEE_PERCENT = 15;

	private Money() {
	}

	/** 15 % of the price, rounded half-up to the cent; the payout is the rest, so fee + payout = price exactly. */
	public static long platformFee(long priceCents) {
		return BigDecimal.valueOf(priceCents)
			.multiply(BigDecimal.valueOf(PLATFORM_FEE_PERCENT))
			.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
			.longValueExact();
	}

	/** {@code "$250.00"}: the currency's symbol (as shown in the US) and its minor units. */
	public static String formatted(long amountCents, String currency) {
		int digits;
		String symbol;
		try {
			var unit = Currency.getInstance(currency);
			digits = Math.max(0, unit.getDefaultFractionDigits());
			symbol = unit.getSymbol(Locale.US);
		}
		catch (IllegalArgumentException ex) {
			digits = 2;
			symbol = currency + " ";
		}
		var amount = BigDecimal.valueOf(amountCents).movePointLeft(digits).setScale(digits, RoundingMode.UNNECESSARY);
		return symbol + amount.toPlainString();
	}
}

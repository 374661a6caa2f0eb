package com.starrymeet.payment.payout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A celebrity account's earnings: one line per booking with a payout, and per month of the meeting what was paid
 * (sent, net of reversals) and what is pending (pending, waiting for the account, held).
 */
@Service
public class Earnings {

	/** @param status pending | waiting_account | held | sent | reversed | canceled */
	public record BookingEarning(UUID bookingId, String bookingNumber, LocalDate meetingDate, long amountCents,
			String currency, String status, Instant eligibleAt, @Nullable Instant sentAt) {
	}

	public record MonthEarning(String month, long paidCents, long pendingCents) {
	}

	public record View(List<BookingEarning> bookings, List<MonthEarning> months, long paidCents, long pendingCents) {
	}

	private final Payouts payouts;

	Earnings(Payouts payouts) {
		this.payouts = payouts;
	}

	public View of(UUID celebrityUserId) {
		var lines = payouts.ofCelebrity(celebrityUserId).stream().map(Earnings::line).toList();
		var months = new TreeMap<String, long[]>(java.util.Comparator.reverseOrder());
		long paid = 0;
		long pending = 0;
		for (var line : lines) {
			var month = months.computeIfAbsent(line.meetingDate().toString().substring(0, 7), m -> new long[2]);
			switch (line.status()) {
				case "sent", "reversed" -> {
					month[0] += line.amountCents();
					paid += line.amountCents();
				}
				case "pending", "waiting_account", "held" -> {
					month[1] += line.amountCents();
					pending += line.amountCents();
				}
				default -> {
				}
			}
		}
		var monthLines = months.entrySet().stream().map((Map.Entry<String, long[]> e) ->
				new MonthEarning(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
		return new View(lines, monthLines, paid, pending);
	}

	private static BookingEarning line(Payouts.Payout p) {
		var status = p.held() && ("pending".equals(p.status()) || "waiting_account".equals(p.status())) ? "held"
				: p.status();
		long amount = "reversed".equals(status) ? p.amountCents() - p.reversedCents() : p.amountCents();
		return new BookingEarning(p.bookingId(), p.bookingNumber(), p.meetingDate(), amount, p.currency(), status,
				p.eligibleAt(), p.sentAt());
	}
}

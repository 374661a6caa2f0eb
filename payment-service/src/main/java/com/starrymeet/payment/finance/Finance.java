package com.starrymeet.payment.finance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.payment.credit.Credits;
import com.starrymeet.payment.payment.Payments;
import com.starrymeet.payment.payout.Payouts;
import org.springframework.stereotype.Service;

/**
 * Finance figures per day, week or month (UTC; a week starts on Monday), merged from the modules that own them:
 * gross (what fans paid: card + credit, by the time paid), card refunds, credits granted / used / returned, the
 * platform's fees (of payouts computed) and payouts sent (net of reversals).
 */
@Service
public class Finance {

	public static final Set<String> GRANULARITIES = Set.of("day", "week", "month");

	public record Period(Instant period, long grossCents, long cardPaidCents, long creditPaidCents, long refundsCents,
			long creditsGrantedCents, long creditsUsedCents, long creditsReturnedCents, long feesCents,
			long payoutsCents) {
	}

	private final Payments payments;

	private final Credits credits;

	private final Payouts payouts;

	Finance(Payments payments, Credits credits, Payouts payouts) {
		this.payments = payments;
		this.credits = credits;
		this.payouts = payouts;
	}

	/** Periods with any figure in [from, to), oldest first. */
	public List<Period> periods(String granularity, Instant from, Instant to) {
		if (!GRANULARITIES.contains(granularity)) {
			throw ValidationFailed.of("granularity", "must be day, week or month");
		}
		if (!from.isBefore(to)) {
			throw ValidationFailed.of("from", "must be before to");
		}
		var pay = payments.figures(granularity, from, to);
		var credit = credits.figures(granularity, from, to);
		var payout = payouts.figures(granularity, from, to);
		var keys = new TreeSet<Instant>();
		for (var map : List.of(pay, credit, payout)) {
			map.values().forEach(m -> keys.addAll(m.keySet()));
		}
		var out = new ArrayList<Period>();
		for (var k : keys) {
			out.add(new Period(k, get(pay, "gross", k), get(pay, "cardPaid", k), get(pay, "creditPaid", k),
					get(pay, "refunds", k), get(credit, "GRANT", k), get(credit, "USE", k), get(credit, "RETURN", k),
					get(payout, "fees", k), get(payout, "payouts", k)));
		}
		return out;
	}

	private static long get(Map<String, Map<Instant, Long>> figures, String metric, Instant period) {
		var m = figures.get(metric);
		return m == null ? 0 : m.getOrDefault(period, 0L);
	}
}

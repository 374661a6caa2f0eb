package com.starrymeet.payment.finance.web;

import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import com.starrymeet.common.security.Caller;
import com.starrymeet.common.web.ApiResponse;
import com.starrymeet.common.web.Pagination;
import com.starrymeet.common.web.Pagination.PageQuery;
import com.starrymeet.common.web.ValidationFailed;
import com.starrymeet.payment.audit.AuditLog;
import com.starrymeet.payment.finance.Finance;
import com.starrymeet.payment.payout.Payouts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Finance for admins (ADMIN only): figures per day/week/month, the payout report, CSV exports streamed row by row,
 * and the audit log of admin money actions.
 */
@RestController
@RequestMapping("/v1/admin/payments")
@Tag(name = "Finance (admin)", description = "Gross bookings, fees, refunds, credits and payouts; exports.")
class FinanceController {

	private static final Set<String> PAYOUT_STATUSES = Set.of("pending", "waiting_account", "held", "sent", "reversed",
			"canceled");

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Finance finance;

	private final Payouts payouts;

	private final AuditLog audit;

	FinanceController(Finance finance, Payouts payouts, AuditLog audit) {
		this.finance = finance;
		this.payouts = payouts;
		this.audit = audit;
	}

	@GetMapping("/finance")
	@Operation(operationId = "getFinance", summary = "Finance figures per period",
			description = "`granularity=day|week|month` (UTC), `from`/`to` instants (default: the last 30 days).")
	ApiResponse<List<Finance.Period>> figures(Caller caller, @RequestParam(defaultValue = "day") String granularity,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
		caller.requireRole(Caller.Role.ADMIN);
		return ApiResponse.ok(finance.periods(granularity, from(from, to), to(to)));
	}

	@GetMapping("/finance.csv")
	@Operation(operationId = "exportFinance", summary = "Finance figures per period as CSV")
	ResponseEntity<StreamingResponseBody> figuresCsv(Caller caller,
			@RequestParam(defaultValue = "day") String granularity,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
		caller.requireRole(Caller.Role.ADMIN);
		var periods = finance.periods(granularity, from(from, to), to(to));
		return csv("finance.csv", out -> {
			out.write("period,gross_cents,card_paid_cents,credit_paid_cents,refunds_cents,credits_granted_cents,"
					+ "credits_used_cents,credits_returned_cents,fees_cents,payouts_cents\n");
			for (var p : periods) {
				out.write(p.period() + "," + p.grossCents() + "," + p.cardPaidCents() + "," + p.creditPaidCents() + ","
						+ p.refundsCents() + "," + p.creditsGrantedCents() + "," + p.creditsUsedCents() + ","
						+ p.creditsReturnedCents() + "," + p.feesCents() + "," + p.payoutsCents() + "\n");
			}
		});
	}

	@GetMapping("/payouts")
	@Operation(operationId = "getPayoutReport", summary = "Payout report",
			description = "Payouts created in [from, to) by `status` (pending, waiting_account, held, sent, "
					+ "reversed, canceled), newest first, with their figures (paid, refunds, credit returned, fee).")
	ApiResponse<List<Payouts.Payout>> report(Caller caller, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		caller.requireRole(Caller.Role.ADMIN);
		status(status);
		var query = PageQuery.of(page, limit);
		return ApiResponse.ok(payouts.report(status, from(from, to), to(to), query.limit(), query.offset()));
	}

	@GetMapping("/payouts.csv")
	@Operation(operationId = "exportPayouts", summary = "Payout report as CSV (streamed, any size)")
	ResponseEntity<StreamingResponseBody> reportCsv(Caller caller,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to) {
		caller.requireRole(Caller.Role.ADMIN);
		status(status);
		var since = from(from, to);
		var until = to(to);
		return csv("payouts.csv", out -> {
			out.write("payout_id,booking_id,booking_number,celebrity_id,meeting_date,currency,paid_cents,"
					+ "card_refunded_cents,credit_returned_cents,fee_cents,amount_cents,reversed_cents,status,basis,"
					+ "eligible_at,sent_at,stripe_transfer_id\n");
			payouts.each(status, since, until, p -> {
				try {
					var shown = p.held() && ("pending".equals(p.status()) || "waiting_account".equals(p.status()))
							? "held" : p.status();
					out.write(p.id() + "," + p.bookingId() + "," + p.bookingNumber() + "," + p.celebrityId() + ","
							+ p.meetingDate() + "," + p.currency() + "," + p.paidCents() + "," + p.cardRefundedCents()
							+ "," + p.creditReturnedCents() + "," + p.feeCents() + "," + p.amountCents() + ","
							+ p.reversedCents() + "," + shown + "," + p.basis() + "," + p.eligibleAt() + ","
							+ (p.sentAt() == null ? "" : p.sentAt()) + ","
							+ (p.stripeTransferId() == null ? "" : p.stripeTransferId()) + "\n");
				}
				catch (java.io.IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		});
	}

	@GetMapping("/audit")
	@Operation(operationId = "getMoneyAuditLog", summary = "Audit log of admin money actions",
			description = "Who did what (refund, credit grant), on what, when and why; newest first.")
	ApiResponse<List<AuditLog.Entry>> audit(Caller caller, @RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit) {
		caller.requireRole(Caller.Role.ADMIN);
		var query = PageQuery.of(page, limit);
		return ApiResponse.page(audit.page(query), Pagination.of(query, audit.count()));
	}

	private interface CsvWriter {

		void write(Writer out) throws java.io.IOException;
	}

	private static ResponseEntity<StreamingResponseBody> csv(String name, CsvWriter body) {
		StreamingResponseBody stream = output -> {
			var writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
			body.write(writer);
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.body(stream);
	}

	private static void status(@Nullable String status) {
		if (status != null && !PAYOUT_STATUSES.contains(status)) {
			throw ValidationFailed.of("status", "must be one of " + PAYOUT_STATUSES);
		}
	}

	private static Instant to(@Nullable Instant to) {
		return to == null ? Instant.now() : to;
	}

	private static Instant from(@Nullable Instant from, @Nullable Instant to) {
		return from == null ? to(to).minus(30, ChronoUnit.DAYS) : from;
	}
}

package com.starrymeet.payment.payout;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.starrymeet.payment.stripe.IdempotencyKeys;
import com.starrymeet.payment.stripe.StripeFailures;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A celebrity account's Stripe Connect account (express, weekly automatic payouts), created once per account:
 * concurrent first onboardings are serialized by an advisory lock on the account and the creation carries the key
 * {@code account-<userId>}, so Stripe makes one account. Its state — charges enabled, payouts enabled, details
 * submitted — is recorded as read back from Stripe on {@code account.updated}; when payouts become enabled the
 * celebrity's waiting payouts become due ({@link PayoutSender}).
 */
@Service
public class ConnectAccounts {

	public record Onboarding(String url, Instant expiresAt, String accountId) {
	}

	public record AccountState(boolean onboarded, @Nullable String accountId, boolean chargesEnabled,
			boolean payoutsEnabled, boolean detailsSubmitted) {
	}

	private final JdbcClient jdbc;

	private final StripeClient stripe;

	private final TransactionTemplate transactions;

	private final PayoutSettings settings;

	ConnectAccounts(JdbcClient jdbc, StripeClient stripe, TransactionTemplate transactions, PayoutSettings settings) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.transactions = transactions;
		this.settings = settings;
	}

	/** The celebrity's onboarding link (the account created the first time). */
	public Onboarding onboard(UUID celebrityUserId) {
		var accountId = transactions.execute(tx -> {
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
				.param("key", "connect-account-" + celebrityUserId)
				.query()
				.listOfRows();
			var existing = accountOf(celebrityUserId);
			if (existing.isPresent()) {
				return existing.get();
			}
			Account account;
			try {
				account = stripe.v1()
					.accounts()
					.create(AccountCreateParams.builder()
						.setType(AccountCreateParams.Type.EXPRESS)
						.setSettings(AccountCreateParams.Settings.builder()
							.setPayouts(AccountCreateParams.Settings.Payouts.builder()
								.setSchedule(AccountCreateParams.Settings.Payouts.Schedule.builder()
									.setInterval(AccountCreateParams.Settings.Payouts.Schedule.Interval.WEEKLY)
									.build())
								.build())
							.build())
						.putMetadata("celebrity_user_id", celebrityUserId.toString())
						.build(), IdempotencyKeys.key("account-" + celebrityUserId));
			}
			catch (StripeException ex) {
				throw StripeFailures.problem("creating a connected account", ex);
			}
			jdbc.sql("""
					INSERT INTO connect_account (celebrity_user_id, stripe_account_id, charges_enabled, payouts_enabled,
					    details_submitted) VALUES (:u, :a, :charges, :payouts, :details)""")
				.param("u", celebrityUserId)
				.param("a", account.getId())
				.param("charges", Boolean.TRUE.equals(account.getChargesEnabled()))
				.param("payouts", Boolean.TRUE.equals(account.getPayoutsEnabled()))
				.param("details", Boolean.TRUE.equals(account.getDetailsSubmitted()))
				.update();
			return account.getId();
		});
		try {
			var link = stripe.v1()
				.accountLinks()
				.create(AccountLinkCreateParams.builder()
					.setAccount(accountId)
					.setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
					.setReturnUrl(settings.onboardingReturnUrl())
					.setRefreshUrl(settings.onboardingRefreshUrl())
					.build());
			return new Onboarding(link.getUrl(), Instant.ofEpochSecond(link.getExpiresAt()), accountId);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("creating an account link", ex);
		}
	}

	public AccountState state(UUID celebrityUserId) {
		return jdbc.sql("SELECT * FROM connect_account WHERE celebrity_user_id = :u")
			.param("u", celebrityUserId)
			.query((rs, i) -> new AccountState(true, rs.getString("stripe_account_id"), rs.getBoolean("charges_enabled"),
					rs.getBoolean("payouts_enabled"), rs.getBoolean("details_submitted")))
			.optional()
			.orElse(new AccountState(false, null, false, false, false));
	}

	/** The account as Stripe holds it now, or empty when Stripe does not know it (503 when unreachable). */
	public Optional<Account> read(String accountId) {
		try {
			return Optional.of(stripe.v1().accounts().retrieve(accountId));
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				return Optional.empty();
			}
			throw StripeFailures.problem("reading an account", ex);
		}
		catch (StripeException ex) {
			throw StripeFailures.problem("reading an account", ex);
		}
	}

	/**
	 * Records the account's state as read back from Stripe, in the caller's transaction; when payouts are enabled
	 * the celebrity's payouts waiting for the account become due.
	 * @return whether the account is one of ours
	 */
	public boolean apply(Account account) {
		var user = jdbc.sql("""
				UPDATE connect_account SET charges_enabled = :charges, payouts_enabled = :payouts,
				    details_submitted = :details, updated_at = now()
				WHERE stripe_account_id = :a RETURNING celebrity_user_id""")
			.param("charges", Boolean.TRUE.equals(account.getChargesEnabled()))
			.param("payouts", Boolean.TRUE.equals(account.getPayoutsEnabled()))
			.param("details", Boolean.TRUE.equals(account.getDetailsSubmitted()))
			.param("a", account.getId())
			.query(UUID.class)
			.optional();
		if (user.isPresent() && Boolean.TRUE.equals(account.getPayoutsEnabled())) {
			jdbc.sql("""
					UPDATE payout SET status = 'pending', updated_at = now()
					WHERE celebrity_user_id = :u AND status = 'waiting_account'""")
				.param("u", user.get())
				.update();
		}
		return user.isPresent();
	}

	/** The celebrity's connected account that can receive payouts, if any. */
	Optional<String> payable(@Nullable UUID celebrityUserId) {
		if (celebrityUserId == null) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT stripe_account_id FROM connect_account WHERE celebrity_user_id = :u AND payouts_enabled""")
			.param("u", celebrityUserId)
			.query(String.class)
			.optional();
	}

	private Optional<String> accountOf(UUID celebrityUserId) {
		return jdbc.sql("SELECT stripe_account_id FROM connect_account WHERE celebrity_user_id = :u")
			.param("u", celebrityUserId)
			.query(String.class)
			.optional();
	}
}

package com.starrymeet.user.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.starrymeet.common.web.ApiException;
import com.starrymeet.user.token.SecretBox;
import com.starrymeet.user.token.Secrets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * TOTP two-factor authentication (RFC 6238) with one-time recovery codes. The secret is stored encrypted
 * ({@link SecretBox}); recovery codes as SHA-256 only. Every accepted TOTP step is remembered, so a code cannot
 * be replayed within its window; a recovery code is consumed by one conditional UPDATE.
 */
@Service
public class TwoFactor {

	public static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Passwords passwords;

	private final TransactionTemplate transactions;

	TwoFactor(JdbcClient jdbc, SecretBox box, Passwords passwords, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.box = box;
		this.passwords = passwords;
		this.transactions = transactions;
	}

	private record State(String email, @Nullable String sealedSecret, boolean enabled, @Nullable Long lastStep) {
	}

	private State state(UUID userId) {
		return jdbc.sql("SELECT email, totp_secret, totp_enabled, totp_last_step FROM app_user WHERE id = :id")
			.param("id", userId)
			.query((rs, n) -> new State(rs.getString(1), rs.getString(2), rs.getBoolean(3),
					rs.getObject(4) == null ? null : rs.getLong(4)))
			.optional()
			.orElseThrow(() -> AccountProblems.noSuchUser());
	}

	public boolean enabled(UUID userId) {
		return state(userId).enabled();
	}

	/** A new secret, not yet enabled: the authenticator app is set up with the secret or the URI. */
	public record Setup(String secret, String otpauthUri) {
	}

	public Setup setup(UUID userId) {
		var state = state(userId);
		if (state.enabled()) {
			throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already on");
		}
		var secret = Totp.newSecret();
		jdbc.sql("UPDATE app_user SET totp_secret = :secret, totp_last_step = NULL WHERE id = :id AND NOT totp_enabled")
			.param("secret", box.seal(secret))
			.param("id", userId)
			.update();
		var label = URLEncoder.encode(state.email(), StandardCharsets.UTF_8).replace("+", "%20");
		return new Setup(secret, "otpauth://totp/StarryMeet:" + label + "?secret=" + secret + "&issuer=StarryMeet");
	}

	/** Turns 2FA on when the code matches the set-up secret; answers the new recovery codes (shown once). */
	public List<String> enable(UUID userId, String code) {
		var state = state(userId);
		if (state.enabled()) {
			throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already on");
		}
		if (state.sealedSecret() == null) {
			throw ApiException.conflict("TOTP_NOT_SET_UP", "Set up two-factor authentication first");
		}
		var step = Totp.matchingStep(box.open(state.sealedSecret()), code.trim(), Instant.now(), Long.MIN_VALUE);
		if (step.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_TOTP_CODE", "The code does not match");
		}
		var codes = new ArrayList<String>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			codes.add(newRecoveryCode());
		}
		var enabled = transactions.execute(status -> {
			int changed = jdbc.sql("""
					UPDATE app_user SET totp_enabled = true, totp_last_step = :step, version = version + 1, updated_at = now()
					WHERE id = :id AND NOT totp_enabled AND totp_secret = :sealed""")
				.param("step", step.getAsLong())
				.param("id", userId)
				.param("sealed", state.sealedSecret())
				.update();
			if (changed != 1) {
				return false;
			}
			jdbc.sql("DELETE FROM recovery_code WHERE user_id = :id").param("id", userId).update();
			for (var c : codes) {
				jdbc.sql("INSERT INTO recovery_code (user_id, code_hash) VALUES (:id, :hash)")
					.param("id", userId)
					.param("hash", Secrets.sha256(normalizeRecovery(c)))
					.update();
			}
			return true;
		});
		if (!Boolean.TRUE.equals(enabled)) {
			throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication changed meanwhile");
		}
		return codes;
	}

	/**
	 * Turns 2FA off after the password and a current code (TOTP or recovery). A wrong password or code is 401
	 * INVALID_CREDENTIALS and counts toward the lockout of the account's email.
	 */
	public void disable(UUID userId, String password, String code) {
		var state = state(userId);
		if (!state.enabled()) {
			throw ApiException.conflict("TOTP_NOT_ENABLED", "Two-factor authentication is off");
		}
		passwords.confirm(userId, state.email(), password);
		if (!verify(userId, code)) {
			passwords.failed(state.email());
			throw AccountProblems.invalidCredentials();
		}
		transactions.executeWithoutResult(status -> {
			jdbc.sql("""
					UPDATE app_user SET totp_enabled = false, totp_secret = NULL, totp_last_step = NULL,
					       version = version + 1, updated_at = now()
					WHERE id = :id""")
				.param("id", userId)
				.update();
			jdbc.sql("DELETE FROM recovery_code WHERE user_id = :id").param("id", userId).update();
		});
	}

	/**
	 * Checks a second factor at login: a TOTP code of a step not used before (the step is then remembered, by one
	 * conditional UPDATE), or an unused recovery code (then consumed). Each statement commits on its own.
	 */
	boolean verify(UUID userId, String code) {
		var state = state(userId);
		if (!state.enabled() || state.sealedSecret() == null) {
			return false;
		}
		var trimmed = code.trim();
		long after = state.lastStep() == null ? Long.MIN_VALUE : state.lastStep();
		var step = Totp.matchingStep(box.open(state.sealedSecret()), trimmed, Instant.now(), after);
		if (step.isPresent()) {
			return jdbc.sql("""
					UPDATE app_user SET totp_last_step = :step
					WHERE id = :id AND totp_enabled AND (totp_last_step IS NULL OR totp_last_step < :step)""")
				.param("step", step.getAsLong())
				.param("id", userId)
				.update() == 1;
		}
		return jdbc.sql("""
				UPDATE recovery_code SET used_at = now()
				WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL""")
			.param("id", userId)
			.param("hash", Secrets.sha256(normalizeRecovery(trimmed)))
			.update() == 1;
	}

	private static String newRecoveryCode() {
		var code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	private static String normalizeRecovery(String code) {
		return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
	}
}

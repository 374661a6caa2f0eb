package com.starrymeet.user.admin;

import com.starrymeet.user.account.AdminSeed;
import com.starrymeet.user.account.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The local fleet's admin account: when {@code starrymeet.identity.seed-admin.email} and {@code .password} are
 * both set (only the local fleet sets them), creates that ADMIN account, email verified, at start-up unless the
 * email already has an account. Idempotent. Logs the email, never the password.
 */
@Component
public class AdminSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminSeeder.class);

	private final AdminSeed adminSeed;

	private final String email;

	private final String password;

	AdminSeeder(AdminSeed adminSeed, @Value("${starrymeet.identity.seed-admin.email:}") String email,
			@Value("${starrymeet.identity.seed-admin.password:}") String password) {
		this.adminSeed = adminSeed;
		this.email = email;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		seed();
	}

	/** Returns true when the account was created by this call. */
	public boolean seed() {
		return seed(email, password);
	}

	public boolean seed(String email, String password) {
		if (email.isBlank() || password.isBlank()) {
			return false;
		}
		var created = adminSeed.seed(email, password);
		if (created.isPresent()) {
			log.info("Seeded the local admin account {}", created.get().email());
		}
		else {
			log.info("Local admin account {} already exists: not seeded", Users.normalize(email));
		}
		return created.isPresent();
	}
}

package com.starrymeet.user;

import com.starrymeet.common.config.RequiredSecrets.MissingSecretsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Outside the local fleet, a missing secret stops user-service at start with a message naming the setting, instead
 * of a generated key and a warning. The check runs before any bean is made, so no infrastructure is needed.
 */
class MissingSecretsTest {

	static final String[] NO_SECRETS = { "--spring.datasource.password=", "--starrymeet.identity.signing-keys=",
			"--starrymeet.identity.data-key=", "--starrymeet.identity.link-sealing.public-key=", "--server.port=0",
			"--spring.main.banner-mode=off" };

	@Test
	void withoutItsSecretsTheServiceDoesNotStartAndNamesEachOne() {
		var args = concat(NO_SECRETS, "--starrymeet.identity.generate-missing-keys=false");

		assertThatThrownBy(() -> SpringApplication.run(UserApplication.class, args))
			.isInstanceOf(MissingSecretsException.class)
			.hasMessageContainingAll("spring.datasource.password", "starrymeet.identity.signing-keys",
					"starrymeet.identity.data-key", "starrymeet.identity.link-sealing.public-key",
					"STARRYMEET_IDENTITY_LINKSEALING_PUBLICKEY")
			.asInstanceOf(type(MissingSecretsException.class))
			.satisfies(ex -> assertThat(ex.settings()).containsExactlyInAnyOrder("spring.datasource.password",
					"starrymeet.identity.signing-keys", "starrymeet.identity.data-key",
					"starrymeet.identity.link-sealing.public-key"));
	}

	@Test
	void theLocalSwitchGeneratesOnlyTheSigningAndDataKeys() {
		// the switch stands in for a signing key and a data key, never for the database password or the key of
		// notification-service (whose private half this service could not give it)
		var args = concat(NO_SECRETS, "--starrymeet.identity.generate-missing-keys=true");

		assertThatThrownBy(() -> SpringApplication.run(UserApplication.class, args))
			.isInstanceOf(MissingSecretsException.class)
			.asInstanceOf(type(MissingSecretsException.class))
			.satisfies(ex -> assertThat(ex.settings()).containsExactlyInAnyOrder("spring.datasource.password",
					"starrymeet.identity.link-sealing.public-key"));
	}

	@Test
	void theSwitchIsOffByDefault() {
		var args = concat(new String[] { "--spring.datasource.password=x",
				"--starrymeet.identity.link-sealing.public-key=" + LinkSealingTestKey.PUBLIC_KEY,
				"--starrymeet.identity.signing-keys=", "--starrymeet.identity.data-key=", "--server.port=0",
				"--spring.main.banner-mode=off" }, "--starrymeet.identity.generate-missing-keys=");

		assertThatThrownBy(() -> SpringApplication.run(UserApplication.class, args))
			.isInstanceOf(MissingSecretsException.class)
			.asInstanceOf(type(MissingSecretsException.class))
			.satisfies(ex -> assertThat(ex.settings()).containsExactlyInAnyOrder("starrymeet.identity.signing-keys",
					"starrymeet.identity.data-key"));
	}

	private static String[] concat(String[] base, String extra) {
		var all = java.util.Arrays.copyOf(base, base.length + 1);
		all[base.length] = extra;
		return all;
	}
}

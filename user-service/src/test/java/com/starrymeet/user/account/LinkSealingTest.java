package com.starrymeet.user.account;

import java.util.UUID;

import com.starrymeet.common.crypto.SealedBox;
import com.starrymeet.user.LinkSealingTestKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSealingTest {

	@Test
	void sealsForTheConfiguredKeyBoundToPurposeAndAccount() {
		var userId = UUID.randomUUID();
		var sealed = new LinkSealing(LinkSealingTestKey.PUBLIC_KEY).seal("the-token", "password-reset", userId);

		assertThat(SealedBox.keyIdOf(sealed)).isEqualTo(SealedBox.keyId(SealedBox.publicKey(LinkSealingTestKey.PUBLIC_KEY)));
		assertThat(LinkSealingTestKey.open(sealed, "password-reset", userId)).isEqualTo("the-token");
	}

	@Test
	void anUnusableKeyStopsTheStartNamingTheSettingButNotTheValue() {
		assertThatThrownBy(() -> new LinkSealing("")).hasMessageContaining("starrymeet.identity.link-sealing.public-key");
		// a private key where the public one belongs: refused without echoing it
		assertThatThrownBy(() -> new LinkSealing(LinkSealingTestKey.PRIVATE_KEY))
			.hasMessageContaining("starrymeet.identity.link-sealing.public-key")
			.hasMessageNotContaining(LinkSealingTestKey.PRIVATE_KEY.substring(10, 40));
	}
}

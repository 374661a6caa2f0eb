package com.starrymeet.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedBoxTest {

	static final String TOKEN = "q3Jx9yM0V6b8bJpD0m4u7r2hZ1cW5sN8eK3aT6fG0xY";

	static final String BINDING = "email-verification:6f1c2a9e-1111-4c44-8e8e-000000000001";

	final java.security.KeyPair pair = SealedBox.generateKeyPair();

	@Test
	void opensWhatItSealedWithTheSameAssociatedData() {
		var sealed = SealedBox.seal(pair.getPublic(), TOKEN, BINDING);

		assertThat(SealedBox.open(pair.getPrivate(), sealed, BINDING)).isEqualTo(TOKEN);
		assertThat(sealed).startsWith("v1." + SealedBox.keyId(pair.getPublic()) + ".")
			.matches("v1(\\.[A-Za-z0-9_-]+){4}");
		assertThat(SealedBox.keyIdOf(sealed)).isEqualTo(SealedBox.keyId(pair.getPublic()));
	}

	@Test
	void theSealedTextRevealsNothingOfThePlaintextAndIsNewEachTime() {
		var seen = new HashSet<String>();
		for (int i = 0; i < 20; i++) {
			var sealed = SealedBox.seal(pair.getPublic(), TOKEN, BINDING);
			assertThat(seen.add(sealed)).isTrue();
			var decoded = new StringBuilder();
			for (var part : sealed.split("\\.")) {
				try {
					decoded.append(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1));
				}
				catch (IllegalArgumentException ex) {
					// "v1"
				}
			}
			assertThat(sealed).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 12));
			assertThat(decoded.toString()).doesNotContain(TOKEN.substring(0, 12));
		}
	}

	@Test
	void anotherPurposeOrAnotherAccountDoesNotOpen() {
		var sealed = SealedBox.seal(pair.getPublic(), TOKEN, BINDING);

		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), sealed,
				"password-reset:6f1c2a9e-1111-4c44-8e8e-000000000001")).isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), sealed,
				"email-verification:6f1c2a9e-1111-4c44-8e8e-000000000002")).isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), sealed, "")).isInstanceOf(SealingException.class);
	}

	@Test
	void anotherKeyDoesNotOpen() {
		var sealed = SealedBox.seal(pair.getPublic(), TOKEN, BINDING);
		var other = SealedBox.generateKeyPair();

		assertThatThrownBy(() -> SealedBox.open(other.getPrivate(), sealed, BINDING)).isInstanceOf(SealingException.class)
			.hasMessageContaining(SealedBox.keyId(pair.getPublic()));
		// even with the key id rewritten to the other key's: the header is authenticated and the KEM secret differs
		var relabelled = sealed.replace(SealedBox.keyId(pair.getPublic()), SealedBox.keyId(other.getPublic()));
		assertThatThrownBy(() -> SealedBox.open(other.getPrivate(), relabelled, BINDING))
			.isInstanceOf(SealingException.class);
	}

	@Test
	void anyAlteredFieldIsRefused() {
		var sealed = SealedBox.seal(pair.getPublic(), TOKEN, BINDING);
		var parts = sealed.split("\\.");
		for (int field = 2; field < parts.length; field++) {
			var bytes = Base64.getUrlDecoder().decode(parts[field]);
			bytes[bytes.length / 2] ^= 1;
			var altered = parts.clone();
			altered[field] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			var text = String.join(".", altered);
			assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), text, BINDING)).as("field %d", field)
				.isInstanceOf(SealingException.class);
		}
		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), "v2" + sealed.substring(2), BINDING))
			.isInstanceOf(SealingException.class)
			.hasMessageContaining("version");
		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), TOKEN, BINDING)).isInstanceOf(SealingException.class)
			.hasMessageNotContaining(TOKEN);
		assertThatThrownBy(() -> SealedBox.open(pair.getPrivate(), sealed.substring(0, sealed.lastIndexOf('.')) + ".",
				BINDING)).isInstanceOf(SealingException.class);
	}

	@Test
	void keysReadFromPemOrBase64AndThePublicHalfFollowsFromThePrivate() {
		var publicPem = SealedBox.pem(pair.getPublic());
		var privatePem = SealedBox.pem(pair.getPrivate());
		assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
		assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");

		var fromPem = SealedBox.publicKey(publicPem);
		var fromBase64 = SealedBox.publicKey(SealedBox.base64(pair.getPublic()));
		var privateFromBase64 = SealedBox.privateKey(SealedBox.base64(pair.getPrivate()));
		// a PEM squeezed into one environment variable with literal \n
		var privateFromEscapedPem = SealedBox.privateKey(privatePem.replace("\n", "\\n"));

		assertThat(SealedBox.keyId(fromPem)).isEqualTo(SealedBox.keyId(pair.getPublic()));
		assertThat(SealedBox.keyId(SealedBox.publicKeyOf(pair.getPrivate()))).isEqualTo(SealedBox.keyId(pair.getPublic()));
		var sealed = SealedBox.seal(fromBase64, TOKEN, BINDING);
		assertThat(SealedBox.open(privateFromBase64, sealed, BINDING)).isEqualTo(TOKEN);
		assertThat(SealedBox.open(privateFromEscapedPem, sealed, BINDING)).isEqualTo(TOKEN);
	}

	@Test
	void whatIsNotAnX25519KeyIsRefusedWithoutQuotingIt() throws Exception {
		var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		var rsaBase64 = Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());

		assertThatThrownBy(() -> SealedBox.publicKey(rsaBase64)).isInstanceOf(SealingException.class)
			.hasMessageContaining("X25519")
			.hasMessageNotContaining(rsaBase64.substring(0, 20));
		assertThatThrownBy(() -> SealedBox.publicKey("not a key")).isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> SealedBox.publicKey("")).isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> SealedBox.privateKey(SealedBox.base64(pair.getPublic())))
			.isInstanceOf(SealingException.class);
		assertThatThrownBy(() -> SealedBox.seal(rsa.getPublic(), TOKEN, BINDING)).isInstanceOf(SealingException.class);
	}
}

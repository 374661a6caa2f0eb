package com.starrymeet.common.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a small secret (a one-time token, a link) for the one holder of a private key, so that it can travel
 * through places many can read — a Kafka topic, its consumers' logs — and be opened only by that reader.
 * <p>
 * <b>Scheme (version {@code v1}).</b> Hybrid public-key encryption with the JDK only: X25519 DHKEM (RFC 9180's
 * KEM, {@link KEM}, HKDF-SHA256) gives a fresh 32-byte secret per message and its encapsulation; that secret is
 * the AES-256-GCM key of this one message (random 96-bit nonce, 128-bit tag). This is HPKE's base mode without its
 * key schedule: the DHKEM secret is already bound to the encapsulation and the recipient's key.
 * <p>
 * <b>Associated data.</b> Every seal names what the secret is for and whom it concerns — e.g.
 * {@code "email-verification:" + userId} — and opening must present the very same text: a sealed token copied
 * into another account's or another purpose's message does not open. The format header (version, key id,
 * encapsulation) is authenticated too.
 * <p>
 * <b>Text format.</b> Five fields, base64url without padding, joined by dots (a single line, safe in JSON, URLs and
 * headers): <pre>
 * v1.&lt;keyId&gt;.&lt;encapsulation&gt;.&lt;nonce&gt;.&lt;ciphertext+tag&gt;
 * </pre> {@code keyId} ({@link #keyId(PublicKey)}) is the first 12 bytes of the SHA-256 of the recipient's X.509
 * public key, so a reader holding several private keys (rotation) knows which one to use ({@link #keyIdOf}).
 * <p>
 * <b>Keys.</b> X25519. Public keys as X.509 SubjectPublicKeyInfo, private keys as PKCS#8, either PEM or plain
 * base64 of the DER ({@link #publicKey}, {@link #privateKey}, {@link #generateKeyPair}, {@link #pem},
 * {@link #base64}). {@code java -cp common-lib.jar com.starrymeet.common.crypto.SealedBox} prints a new pair.
 * No message of this class ever contains a plaintext or key material.
 */
public final class SealedBox {

	public static final String VERSION = "v1";

	private static final String CURVE = "X25519";

	private static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder decoder = Base64.getUrlDecoder();

	private SealedBox() {
	}

	/** Seals {@code plaintext} (UTF-8) for the holder of the private half of {@code recipient}. */
	public static String seal(PublicKey recipient, String plaintext, String associatedData) {
		return seal(recipient, plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
	}

	public static String seal(PublicKey recipient, byte[] plaintext, String associatedData) {
		requireX25519(recipient, "The recipient key");
		try {
			var encapsulated = KEM.getInstance("DHKEM").newEncapsulator(recipient, random).encapsulate(0, KEY_BYTES, "AES");
			var kid = keyId(recipient);
			var enc = encoder.encodeToString(encapsulated.encapsulation());
			var nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			var ciphertext = cipher(Cipher.ENCRYPT_MODE, encapsulated.key(), nonce, header(kid, enc), associatedData)
				.doFinal(plaintext);
			return header(kid, enc) + "." + encoder.encodeToString(nonce) + "." + encoder.encodeToString(ciphertext);
		}
		catch (GeneralSecurityException ex) {
			throw new SealingException("Cannot seal: " + ex.getClass().getSimpleName(), null);
		}
	}

	/**
	 * Opens what {@link #seal} made for {@code recipient}'s public half, with the same associated data.
	 * @throws SealingException when the text is not a sealed box, was sealed for another key, was altered, or the
	 *         associated data differs
	 */
	public static String open(PrivateKey recipient, String sealed, String associatedData) {
		return new String(openBytes(recipient, sealed, associatedData), StandardCharsets.UTF_8);
	}

	public static byte[] openBytes(PrivateKey recipient, String sealed, String associatedData) {
		requireX25519(recipient, "The recipient key");
		var parts = parse(sealed);
		var expectedKid = keyId(publicKeyOf(recipient));
		if (!MessageDigest.isEqual(expectedKid.getBytes(StandardCharsets.US_ASCII),
				parts[1].getBytes(StandardCharsets.US_ASCII))) {
			throw new SealingException("Sealed for key " + parts[1] + ", not for key " + expectedKid, null);
		}
		try {
			var enc = decoder.decode(parts[2]);
			var nonce = decoder.decode(parts[3]);
			var ciphertext = decoder.decode(parts[4]);
			if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
				throw new SealingException("Not a sealed box: bad nonce or ciphertext length", null);
			}
			SecretKey key = KEM.getInstance("DHKEM").newDecapsulator(recipient).decapsulate(enc, 0, KEY_BYTES, "AES");
			return cipher(Cipher.DECRYPT_MODE, key, nonce, header(parts[1], parts[2]), associatedData).doFinal(ciphertext);
		}
		catch (DecapsulateException | IllegalArgumentException ex) {
			throw new SealingException("Not a sealed box: bad encapsulation or encoding", null);
		}
		catch (GeneralSecurityException ex) {
			// AEADBadTagException: altered, or other associated data
			throw new SealingException("Cannot open: altered, or sealed with other associated data", null);
		}
	}

	/** The key id a sealed text names (to pick the private key among several), without opening it. */
	public static String keyIdOf(String sealed) {
		return parse(sealed)[1];
	}

	/** The id of a recipient key: base64url of the first 12 bytes of the SHA-256 of its X.509 encoding. */
	public static String keyId(PublicKey key) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return encoder.encodeToString(Arrays.copyOf(digest, 12));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new X25519 key pair: the public half goes to the sealing side, the private half to the reader. */
	public static KeyPair generateKeyPair() {
		try {
			return KeyPairGenerator.getInstance(CURVE).generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An X25519 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or base64 of its X.509 encoding.
	 * @throws SealingException when it is neither (the message never quotes the input)
	 */
	public static PublicKey publicKey(String pemOrBase64) {
		try {
			var key = KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
			requireX25519(key, "The public key");
			return key;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new SealingException("Not an X25519 public key (PEM or base64 of X.509 SubjectPublicKeyInfo)", null);
		}
	}

	/**
	 * An X25519 private key from PEM ({@code -----BEGIN PRIVATE KEY-----}) or base64 of its PKCS#8 encoding.
	 * @throws SealingException when it is neither (the message never quotes the input)
	 */
	public static PrivateKey privateKey(String pemOrBase64) {
		try {
			var key = KeyFactory.getInstance("XDH").generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
			requireX25519(key, "The private key");
			return key;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new SealingException("Not an X25519 private key (PEM or base64 of PKCS#8)", null);
		}
	}

	/** The public half of an X25519 private key (X25519 of its scalar and the base point, RFC 7748). */
	public static PublicKey publicKeyOf(PrivateKey privateKey) {
		requireX25519(privateKey, "The private key");
		try {
			var basePoint = KeyFactory.getInstance("XDH")
				.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
			var agreement = KeyAgreement.getInstance("XDH");
			agreement.init(privateKey);
			agreement.doPhase(basePoint, true);
			var littleEndian = agreement.generateSecret();
			var bigEndian = new byte[littleEndian.length];
			for (int i = 0; i < littleEndian.length; i++) {
				bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
			}
			return KeyFactory.getInstance("XDH")
				.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive the public key", ex);
		}
	}

	/** PEM of a key: {@code PUBLIC KEY} (X.509) or {@code PRIVATE KEY} (PKCS#8). */
	public static String pem(Key key) {
		var label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
		return "-----BEGIN " + label + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END " + label + "-----\n";
	}

	/** Base64 (standard alphabet, one line) of a key's X.509 or PKCS#8 encoding: handy as one command-line value. */
	public static String base64(Key key) {
		return Base64.getEncoder().encodeToString(key.getEncoded());
	}

	/** Prints a new key pair: the public key for the sealing side, the private key for the reader. */
	public static void main(String[] args) {
		var pair = generateKeyPair();
		System.out.println("# key id " + keyId(pair.getPublic()));
		System.out.print(pem(pair.getPublic()));
		System.out.print(pem(pair.getPrivate()));
	}

	private static String[] parse(String sealed) {
		var parts = sealed.trim().split("\\.", -1);
		if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
			throw new SealingException("Not a sealed box: expected " + VERSION + ".keyId.encapsulation.nonce.ciphertext", null);
		}
		if (!VERSION.equals(parts[0])) {
			throw new SealingException("Unsupported sealed box version " + abbreviate(parts[0]), null);
		}
		return parts;
	}

	private static String abbreviate(String value) {
		return value.length() <= 8 ? value : value.substring(0, 8) + "…";
	}

	private static String header(String kid, String enc) {
		return VERSION + "." + kid + "." + enc;
	}

	/** AES-256-GCM whose associated data is the format header, a zero byte, then the caller's associated data. */
	private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String header, String associatedData)
			throws GeneralSecurityException {
		var cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		var aad = new ByteArrayOutputStream();
		aad.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
		aad.write(0);
		aad.writeBytes(associatedData.getBytes(StandardCharsets.UTF_8));
		cipher.updateAAD(aad.toByteArray());
		return cipher;
	}

	private static byte[] der(String pemOrBase64) {
		var body = pemOrBase64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replace("\\n", "").replaceAll("\\s", "");
		if (body.isEmpty()) {
			throw new IllegalArgumentException("empty");
		}
		return body.indexOf('-') >= 0 || body.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(body)
				: Base64.getDecoder().decode(body);
	}

	private static void requireX25519(Key key, String what) {
		if (!(key instanceof XECKey xec) || !(xec.getParams() instanceof NamedParameterSpec named)
				|| !CURVE.equalsIgnoreCase(named.getName())) {
			throw new SealingException(what + " is not an X25519 key (" + key.getAlgorithm() + ")", null);
		}
	}

}

// Benchmark helper, run as a single-file program: java bench/MintToken.java <out-dir> <issuer> <audience>
// Writes <out-dir>/jwks.json (public key) and <out-dir>/token.txt (an RS256 access token valid for 2 hours),
// shaped like user-service's tokens, using only the JDK.
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

public class MintToken {

	public static void main(String[] args) throws Exception {
		var out = Path.of(args[0]);
		var issuer = args[1];
		var audience = args[2];
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		var publicKey = (RSAPublicKey) pair.getPublic();
		var kid = "bench-" + UUID.randomUUID();

		Files.writeString(out.resolve("jwks.json"), """
				{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}
				""".formatted(kid, b64(unsigned(publicKey.getModulus())), b64(unsigned(publicKey.getPublicExponent()))));

		long now = Instant.now().getEpochSecond();
		var header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
		var claims = """
				{"sub":"%s","email":"bench@starrymeet.local","role":"USER","iss":"%s","aud":"%s","iat":%d,"exp":%d,"jti":"%s"}"""
			.formatted(UUID.randomUUID(), issuer, audience, now, now + 7200, UUID.randomUUID());
		var signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
		var signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(pair.getPrivate());
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		Files.writeString(out.resolve("token.txt"), signingInput + "." + b64(signature.sign()));
	}

	static byte[] unsigned(BigInteger value) {
		var bytes = value.toByteArray();
		return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}

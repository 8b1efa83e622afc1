package it.dev.pulse.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Tokens forges JWTs the way an attacker (or a test) would: by hand, with the JDK, so the checks do
 * not depend on the library Pulse signs with.
 */
public final class Tokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** The key Pulse signs with, read from the server's directory. */
  public static PrivateKey serverKey() throws Exception {
    String pem =
        Files.readString(PulseServer.serverDir().resolve("resources/security/jwt/private.pem"));
    byte[] der =
        Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  public static PrivateKey strangerKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair().getPrivate();
  }

  /**
   * Claims of a user token for {@code subject}, valid from {@code iat} to {@code exp} (epoch
   * seconds).
   */
  public static String claims(String issuer, String subject, long iat, long exp) {
    return "{\"iss\":\""
        + issuer
        + "\",\"sub\":\""
        + subject
        + "\",\"upn\":\"x@pulse.test\",\"groups\":[\"user\"],"
        + "\"iat\":"
        + iat
        + ",\"exp\":"
        + exp
        + ",\"jti\":\""
        + java.util.UUID.randomUUID()
        + "\"}";
  }

  public static String rs256(String claims, PrivateKey key) throws Exception {
    String signingInput = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(rsa.sign());
  }

  /** An unsigned token ({@code alg: none}), which must never be accepted. */
  public static String none(String claims) {
    return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(claims) + ".";
  }

  private static String part(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public static Path messagesLog() {
    return PulseServer.serverDir().resolve("logs/messages.log");
  }
}

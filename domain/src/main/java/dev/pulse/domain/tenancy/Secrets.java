package dev.pulse.domain.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Secrets makes the random values Pulse hands out (ingest keys, refresh tokens) and the digests it
 * stores in their place. The values carry 192 bits of entropy, so a plain SHA-256 digest is as good
 * as a slow hash for them; passwords, chosen by people, get PBKDF2 instead.
 */
public final class Secrets {

  /** Every generated ingest key starts with this, so it is easy to spot in code and logs. */
  public static final String KEY_PREFIX = "pulse_";

  /** How much of a key listings show: the prefix and six characters. */
  public static final int SHOWN_LENGTH = KEY_PREFIX.length() + 6;

  /** What a key supplied by configuration (PULSE_BOOTSTRAP_KEY) must look like. */
  private static final Pattern SUPPLIED_KEY = Pattern.compile("[A-Za-z0-9_-]{20,200}");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Secrets() {}

  public static String newApiKey() {
    return KEY_PREFIX + random(24);
  }

  public static String newRefreshToken() {
    return random(32);
  }

  public static boolean isAcceptableSuppliedKey(String key) {
    return key != null && SUPPLIED_KEY.matcher(key).matches();
  }

  /**
   * How listings and logs name a key: for generated keys their first characters (the prefix and six
   * of 32 random ones); for keys supplied by configuration, which may be short, a piece of their
   * digest instead, so no part of the secret itself is ever shown.
   */
  public static String shown(String key) {
    if (key.startsWith(KEY_PREFIX) && key.length() >= KEY_PREFIX.length() + 32) {
      return key.substring(0, SHOWN_LENGTH);
    }
    return "sha256:" + digest(key).substring(0, 8);
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes. */
  public static String digest(String secret) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }
}

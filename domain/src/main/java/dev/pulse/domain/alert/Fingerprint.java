package dev.pulse.domain.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Fingerprint names one alerting series: a project's rule and the labels of one group. Equal inputs
 * give equal fingerprints on every node (16 hex digits of a SHA-256 over a length-prefixed
 * encoding, so no two label sets collide by concatenation).
 */
public final class Fingerprint {

  private Fingerprint() {}

  public static String of(String project, UUID rule, SortedMap<String, String> groupLabels) {
    StringBuilder s = new StringBuilder();
    append(s, project);
    append(s, rule.toString());
    groupLabels.forEach(
        (k, v) -> {
          append(s, k);
          append(s, v);
        });
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The group's own key within its rule (the fingerprint of the labels alone). */
  public static String groupKey(SortedMap<String, String> groupLabels) {
    return of("", new UUID(0, 0), groupLabels);
  }

  private static void append(StringBuilder s, String part) {
    s.append(part.length()).append(':').append(part);
  }
}

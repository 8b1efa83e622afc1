package dev.pulse.domain.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final UUID RULE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID OTHER_RULE = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

  private static SortedMap<String, String> labels(String... kv) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void isSixteenLowercaseHexDigits() {
    assertTrue(Fingerprint.of("p", RULE, labels()).matches("[0-9a-f]{16}"));
    assertTrue(Fingerprint.of("p", RULE, labels("source", "api")).matches("[0-9a-f]{16}"));
  }

  @Test
  void isStableForEqualInputs() {
    String a = Fingerprint.of("p", RULE, labels("source", "api", "host", "h1"));
    String b = Fingerprint.of("p", RULE, labels("host", "h1", "source", "api"));
    assertEquals(a, b);
    assertEquals(
        a, Fingerprint.of("p", RULE, new TreeMap<>(Map.of("source", "api", "host", "h1"))));
  }

  @Test
  void isTheFirstEightBytesOfSha256OverALengthPrefixedEncoding() throws Exception {
    String encoding = "1:p36:" + RULE + "4:host2:h16:source3:api";
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(encoding.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        HexFormat.of().formatHex(digest, 0, 8),
        Fingerprint.of("p", RULE, labels("source", "api", "host", "h1")));
  }

  @Test
  void differsForDifferentLabelValues() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("source", "api")),
        Fingerprint.of("p", RULE, labels("source", "web")));
  }

  @Test
  void differsForDifferentLabelNames() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("source", "api")),
        Fingerprint.of("p", RULE, labels("type", "api")));
  }

  @Test
  void differsWithAnExtraLabel() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("source", "api")),
        Fingerprint.of("p", RULE, labels("source", "api", "host", "")));
  }

  @Test
  void differsForDifferentProjects() {
    assertNotEquals(
        Fingerprint.of("p1", RULE, labels("source", "api")),
        Fingerprint.of("p2", RULE, labels("source", "api")));
  }

  @Test
  void differsForDifferentRules() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("source", "api")),
        Fingerprint.of("p", OTHER_RULE, labels("source", "api")));
  }

  @Test
  void doesNotCollideByConcatenation() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("a", "bc")), Fingerprint.of("p", RULE, labels("ab", "c")));
    assertNotEquals(
        Fingerprint.of("p", RULE, labels("a", "b:c")),
        Fingerprint.of("p", RULE, labels("a", "b", "c", "")));
    // a project that ends like the start of a label does not shift into the labels
    assertNotEquals(Fingerprint.of("p1", RULE, labels()), Fingerprint.of("p", RULE, labels()));
  }

  @Test
  void emptyValueDiffersFromNoLabel() {
    assertNotEquals(
        Fingerprint.of("p", RULE, labels()), Fingerprint.of("p", RULE, labels("source", "")));
  }

  @Test
  void groupKeyDependsOnTheLabelsOnly() {
    assertEquals(
        Fingerprint.groupKey(labels("source", "api")),
        Fingerprint.groupKey(labels("source", "api")));
    assertNotEquals(
        Fingerprint.groupKey(labels("source", "api")),
        Fingerprint.groupKey(labels("source", "web")));
    assertNotEquals(
        Fingerprint.groupKey(labels("source", "api")),
        Fingerprint.of("p", RULE, labels("source", "api")));
  }
}

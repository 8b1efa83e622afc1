package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String literal(String s) {
    StringBuilder out = new StringBuilder();
    CanonicalJson.string(out, s);
    return out.toString();
  }

  @Test
  void copiesPlainStringsAsTheyAre() {
    assertEquals("\"\"", literal(""));
    assertEquals("\"checkout-api /cart é 😀\"", literal("checkout-api /cart é 😀"));
  }

  @Test
  void escapesWhereverTheCharacterIs() {
    assertEquals("\"\\\"a\"", literal("\"a"));
    assertEquals("\"a\\\\b\"", literal("a\\b"));
    assertEquals("\"ab\\n\"", literal("ab\n"));
    assertEquals("\"x\\ty\\r\\u0001z\\\"\"", literal("x\ty\r\u0001z\""));
  }
}

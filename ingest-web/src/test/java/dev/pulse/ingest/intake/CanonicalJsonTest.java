package dev.pulse.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
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

  private static String written(Instant t) {
    return CanonicalJson.instant(new StringBuilder(), t).toString();
  }

  @Test
  void writesInstantsAsInstantToStringDoes() {
    long lastFourDigitYear = Instant.parse("9999-12-31T23:59:59.999999999Z").getEpochSecond();
    Instant[] edges = {
      Instant.EPOCH,
      Instant.ofEpochSecond(0, 1),
      Instant.ofEpochSecond(59, 120_000_000),
      Instant.ofEpochSecond(86_399, 999_999_000),
      Instant.ofEpochSecond(951_782_400, 100_000), // 2000-02-29, leap day
      Instant.ofEpochSecond(lastFourDigitYear, 999_999_999),
      Instant.ofEpochSecond(lastFourDigitYear + 1), // +10000-01-01: Instant's own form
      Instant.ofEpochSecond(-1, 500_000_000), // before 1970: Instant's own form
      Instant.now()
    };
    for (Instant t : edges) {
      assertEquals(t.toString(), written(t));
    }
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(0, lastFourDigitYear + 1);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      assertEquals(t.toString(), written(t), () -> "epoch second " + seconds + ", nano " + nanos);
    }
  }
}

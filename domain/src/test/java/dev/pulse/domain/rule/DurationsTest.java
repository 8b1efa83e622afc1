package dev.pulse.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesEveryUnit() {
    assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
    assertEquals(Optional.of(Duration.ofSeconds(10)), Durations.parse("10s"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse("5m"));
    assertEquals(Optional.of(Duration.ofHours(2)), Durations.parse("2h"));
    assertEquals(Optional.of(Duration.ofDays(1)), Durations.parse("1d"));
  }

  @Test
  void parsesZeroAndIgnoresSurroundingSpace() {
    assertEquals(Optional.of(Duration.ZERO), Durations.parse("0s"));
    assertEquals(Optional.of(Duration.ofSeconds(10)), Durations.parse(" 10s "));
  }

  @Test
  void msIsMillisecondsNotMinutes() {
    assertEquals(Optional.of(Duration.ofMillis(1)), Durations.parse("1ms"));
    assertEquals(Optional.of(Duration.ofMinutes(1)), Durations.parse("1m"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        " ",
        "10",
        "s",
        "ms",
        "1.5s",
        "-5s",
        "+5s",
        "10 s",
        "10S",
        "5min",
        "1w",
        "1h30m",
        "1e3ms",
        "ten seconds",
        "1234567890s",
        "5mx"
      })
  void junkIsEmpty(String text) {
    assertEquals(Optional.empty(), Durations.parse(text));
  }

  @Test
  void formatWritesTheLargestWholeUnit() {
    assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    assertEquals("10s", Durations.format(Duration.ofSeconds(10)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("5m", Durations.format(Duration.ofSeconds(300)));
    assertEquals("2h", Durations.format(Duration.ofMinutes(120)));
    assertEquals("25h", Durations.format(Duration.ofHours(25)));
    assertEquals("1d", Durations.format(Duration.ofHours(24)));
    assertEquals("7d", Durations.format(Duration.ofDays(7)));
    assertEquals("0s", Durations.format(Duration.ZERO));
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "10s", "5m", "2h", "1d", "90s", "25h", "1500ms"})
  void formatReadsBackAsTheSameText(String text) {
    assertEquals(text, Durations.format(Durations.parse(text).orElseThrow()));
  }

  @Test
  void formatNormalisesAnEquivalentForm() {
    assertEquals("1m", Durations.format(Durations.parse("60s").orElseThrow()));
    assertEquals("1s", Durations.format(Durations.parse("1000ms").orElseThrow()));
  }
}

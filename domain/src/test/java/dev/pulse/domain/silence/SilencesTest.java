package dev.pulse.domain.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.silence.LabelMatcher.Op;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SilencesTest {

  private static final Instant NOW = Instant.parse("2031-06-02T12:00:00Z");

  private static Silence silence(String project, String service, Instant start, Instant end) {
    return new Silence(
        UUID.randomUUID(),
        project,
        List.of(new LabelMatcher("service", Op.EQ, service)),
        start,
        end,
        null,
        "ada",
        null,
        start);
  }

  private final Silence shopApi =
      silence("shop", "api", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
  private final Silence shopApiToo =
      silence("shop", "api", NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(2)));
  private final Silence shopWebLater =
      silence("shop", "web", NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));
  private final Silence blogApi =
      silence("blog", "api", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));

  private final Silences silences =
      Silences.of(List.of(shopApi, shopApiToo, shopWebLater, blogApi));

  @Test
  void listsEverySilenceOfTheProjectThatMutesTheAlert() {
    assertEquals(
        List.of(shopApi, shopApiToo), silences.muting("shop", Map.of("service", "api"), NOW));
    assertTrue(silences.mutes("shop", Map.of("service", "api"), NOW));
  }

  @Test
  void ignoresOtherProjectsSilences() {
    assertEquals(List.of(blogApi), silences.muting("blog", Map.of("service", "api"), NOW));
    assertFalse(silences.mutes("docs", Map.of("service", "api"), NOW));
  }

  @Test
  void pendingSilenceDoesNotMuteYet() {
    assertFalse(silences.mutes("shop", Map.of("service", "web"), NOW));
    assertTrue(silences.mutes("shop", Map.of("service", "web"), NOW.plus(Duration.ofHours(1))));
  }

  @Test
  void emptySnapshotMutesNothing() {
    assertEquals(List.of(), Silences.of(List.of()).muting("shop", Map.of("service", "api"), NOW));
  }
}

package dev.pulse.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each channel type's fields, grouping and fallback, each wrong one named. */
class ChannelRulesTest {

  private static final UUID ID = UUID.randomUUID();
  private static final Instant NOW = Instant.now();

  private static Channel channel(
      String type, String url, List<String> recipients, Grouping g, UUID fallback) {
    return new Channel(
        ID, "p", "ops", type, url, Map.of(), null, recipients, g, fallback, NOW, NOW);
  }

  private static List<String> fields(Channel ch) {
    return ChannelRules.check(ch).stream().map(FieldError::field).toList();
  }

  @Test
  void emailNeedsValidRecipientsAndNamesTheBadOne() {
    assertEquals(
        List.of("recipients[1]"),
        fields(channel("email", null, List.of("ops@example.com", "not an address"), null, null)));
    assertEquals(List.of("recipients"), fields(channel("email", null, List.of(), null, null)));
    assertEquals(
        List.of("recipients[0]"),
        fields(channel("email", null, List.of("a@b.com\r\nBcc: x@y.com"), null, null)));
    assertTrue(
        fields(channel("email", null, List.of("ops+pulse@pulse.test"), null, null)).isEmpty());
  }

  @Test
  void slackNeedsAnHttpUrlAndTakesNoSecretOrHeaders() {
    assertEquals(List.of("url"), fields(channel("slack", null, List.of(), null, null)));
    Channel withSecret =
        new Channel(
            ID,
            "p",
            "s",
            "slack",
            "https://hooks.slack.com/services/T/B/X",
            Map.of("X-A", "b"),
            "0123456789abcdef",
            List.of(),
            null,
            null,
            NOW,
            NOW);
    assertEquals(List.of("headers", "secret"), fields(withSecret));
  }

  @Test
  void unknownTypesAreRefused() {
    assertEquals(
        List.of("type"), fields(channel("pager", "https://x.example", List.of(), null, null)));
  }

  @Test
  void groupingLabelsAndDurationsAreChecked() {
    Grouping bad =
        new Grouping(
            List.of("...", "host"), Duration.ofHours(2), Duration.ZERO, Duration.ofDays(31));
    assertEquals(
        List.of("group_by[0]", "group_wait", "group_interval", "repeat_interval"),
        fields(channel("webhook", "https://x.example/h", List.of(), bad, null)));
  }

  @Test
  void aChannelCannotBeItsOwnFallback() {
    assertEquals(
        List.of("fallback"),
        fields(channel("webhook", "https://x.example/h", List.of(), null, ID)));
  }
}

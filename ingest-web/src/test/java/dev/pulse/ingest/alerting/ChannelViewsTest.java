package dev.pulse.ingest.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.notify.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The warning on a saved channel. The integration tests run with PULSE_SMTP_HOST set (GreenMail),
 * so the case without an SMTP server is covered here.
 */
class ChannelViewsTest {

  private static final Instant NOW = Instant.parse("2031-06-02T10:00:00Z");

  private static Channel email() {
    return new Channel(
        UUID.randomUUID(),
        "shop",
        "on-call",
        Channel.EMAIL,
        null,
        Map.of(),
        null,
        List.of("oncall@shop.test"),
        null,
        null,
        NOW,
        NOW);
  }

  @Test
  void anEmailChannelWithoutAnSmtpServerCarriesAWarningNamingIt() {
    Optional<String> warning = ChannelViews.warning(email(), Optional.empty());
    assertTrue(warning.orElseThrow().contains("no SMTP server"), warning.toString());
    assertTrue(warning.orElseThrow().contains("PULSE_SMTP_HOST"), warning.toString());
    assertEquals(
        warning.orElseThrow(),
        ChannelViews.ChannelView.of(email(), null, warning.orElseThrow()).warning());
  }

  @Test
  void anEmailChannelWithAnSmtpServerCarriesNoWarning() {
    assertEquals(Optional.empty(), ChannelViews.warning(email(), Optional.of("smtp.shop.test")));
  }

  @Test
  void otherChannelsCarryNoWarningWithoutAnSmtpServer() {
    Channel hook =
        Channel.webhook(UUID.randomUUID(), "shop", "ops", "https://hooks.test/x", null, null, NOW);
    assertEquals(Optional.empty(), ChannelViews.warning(hook, Optional.empty()));
    assertNull(ChannelViews.ChannelView.of(hook, null).warning());
  }

  @Test
  void aWebhookShowsHeaderNamesOnlyAndWhetherItHasASecret() {
    Channel hook =
        Channel.webhook(
            UUID.randomUUID(),
            "shop",
            "ops",
            "https://hooks.test/x",
            Map.of("X-Team", "payments"),
            "0123456789abcdef-secret",
            NOW);
    ChannelViews.ChannelView view = ChannelViews.ChannelView.of(hook, null);
    assertEquals(Map.of("X-Team", "***"), view.headers());
    assertEquals(Boolean.TRUE, view.hasSecret());
    assertNull(view.recipients());
    assertEquals("closed", view.health().state());
  }

  @Test
  void aSlackUrlShowsOnlyItsSchemeAndHost() {
    Channel slack =
        new Channel(
            UUID.randomUUID(),
            "shop",
            "chat",
            Channel.SLACK,
            "https://hooks.slack.test/services/T000/B000/XXXX",
            Map.of(),
            null,
            List.of(),
            null,
            null,
            NOW,
            NOW);
    ChannelViews.ChannelView view = ChannelViews.ChannelView.of(slack, null);
    assertEquals("https://hooks.slack.test/***", view.url());
    assertNull(view.headers());
    assertNull(view.hasSecret());
  }
}

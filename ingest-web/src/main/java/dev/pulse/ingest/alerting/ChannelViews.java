package dev.pulse.ingest.alerting;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.Circuit;
import dev.pulse.domain.notify.Grouping;
import dev.pulse.domain.notify.TestOutcome;
import dev.pulse.domain.rule.Durations;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * ChannelViews are the bodies of the channel endpoints. A channel is shown without its secrets:
 * header values are {@code ***}, a webhook's secret is only {@code has_secret}, and a Slack URL
 * keeps only its scheme and host.
 */
public final class ChannelViews {

  static final String NO_SMTP_WARNING =
      "no SMTP server is configured (PULSE_SMTP_HOST), so this channel cannot deliver mail until"
          + " one is";

  private ChannelViews() {}

  /** The channel's circuit breaker. */
  @Schema(name = "ChannelHealth")
  public record HealthView(
      @Schema(enumeration = {"closed", "open", "half_open"}) String state,
      @JsonbProperty("consecutive_failures") int consecutiveFailures,
      @JsonbProperty("last_error") @JsonbNillable String lastError,
      @JsonbProperty("opened_at") @JsonbNillable Instant openedAt) {

    static HealthView of(Circuit c) {
      return new HealthView(
          c.state().name().toLowerCase(Locale.ROOT),
          c.consecutiveFailures(),
          c.lastError(),
          c.openedAt());
    }
  }

  /**
   * A channel. Fields of other types are absent: url for email, headers and has_secret but for
   * webhooks, recipients but for email; the timings are absent without group_by.
   */
  @Schema(name = "Channel")
  public record ChannelView(
      UUID id,
      String project,
      String name,
      @Schema(enumeration = {"webhook", "slack", "email"}) String type,
      @Schema(description = "a Slack URL shows only its scheme and host") String url,
      @Schema(description = "header names; every value shows as ***") Map<String, String> headers,
      @JsonbProperty("has_secret") Boolean hasSecret,
      List<String> recipients,
      @JsonbProperty("group_by") @JsonbNillable @Schema(description = "null: no grouping")
          List<String> groupBy,
      @JsonbProperty("group_wait") String groupWait,
      @JsonbProperty("group_interval") String groupInterval,
      @JsonbProperty("repeat_interval") String repeatInterval,
      @JsonbNillable @Schema(description = "the id of the fallback channel, or null") UUID fallback,
      HealthView health,
      @JsonbProperty("created_at") Instant createdAt,
      @JsonbProperty("updated_at") Instant updatedAt,
      @Schema(
              description =
                  "on create and update only: why the channel, though saved, cannot deliver"
                      + " (an email channel while no SMTP server is configured); absent otherwise")
          String warning) {

    static ChannelView of(Channel ch, Circuit circuit) {
      return of(ch, circuit, null);
    }

    static ChannelView of(Channel ch, Circuit circuit, String warning) {
      boolean webhook = Channel.WEBHOOK.equals(ch.type());
      Grouping g = ch.grouping();
      return new ChannelView(
          ch.id(),
          ch.project(),
          ch.name(),
          ch.type(),
          url(ch),
          webhook ? masked(ch.headers()) : null,
          webhook ? ch.secret() != null : null,
          Channel.EMAIL.equals(ch.type()) ? ch.recipients() : null,
          g == null ? null : g.by(),
          g == null ? null : Durations.format(g.groupWait()),
          g == null ? null : Durations.format(g.groupInterval()),
          g == null ? null : Durations.format(g.repeatInterval()),
          ch.fallback(),
          HealthView.of(circuit == null ? Circuit.CLOSED : circuit),
          ch.createdAt(),
          ch.updatedAt(),
          warning);
    }

    private static String url(Channel ch) {
      if (Channel.SLACK.equals(ch.type())) {
        URI u = URI.create(ch.url());
        return u.getScheme() + "://" + u.getRawAuthority() + "/***";
      }
      return ch.url();
    }

    private static Map<String, String> masked(Map<String, String> headers) {
      Map<String, String> out = new TreeMap<>();
      headers.keySet().forEach(k -> out.put(k, "***"));
      return out;
    }
  }

  /** The project's channels, oldest first, all on one page: {@code next_cursor} is always null. */
  @Schema(name = "ChannelPage")
  public record ChannelPage(
      List<ChannelView> items,
      @JsonbProperty("next_cursor") @JsonbNillable @Schema(description = "always null")
          String nextCursor) {}

  /**
   * The body of POST and PUT. Documentation only: the resource reads the JSON itself, to name every
   * wrong field at once.
   */
  @Schema(name = "ChannelInput")
  public record ChannelInput(
      @Schema(required = true) String name,
      @Schema(description = "webhook (default), slack or email") String type,
      @Schema(description = "webhook and slack: where to POST") String url,
      @Schema(description = "webhook: headers sent with every POST; write-only")
          Map<String, String> headers,
      @Schema(description = "webhook: 16 to 200 characters to sign bodies with; write-only")
          String secret,
      @Schema(description = "email: 1 to 20 addresses") List<String> recipients,
      @JsonbProperty("group_by")
          @Schema(
              description =
                  "labels to group notifications by; absent or null: no grouping; [] puts every"
                      + " alert in one group; [\"...\"] groups by all labels")
          List<String> groupBy,
      @JsonbProperty("group_wait") @Schema(example = "30s") String groupWait,
      @JsonbProperty("group_interval") @Schema(example = "5m") String groupInterval,
      @JsonbProperty("repeat_interval") @Schema(example = "4h") String repeatInterval,
      @Schema(description = "the id of another channel of the project") UUID fallback) {}

  /**
   * What became of a test notification (the first attempt's outcome): {@code sent} or {@code
   * failed} (200), or {@code pending} (202) when no attempt was made within the wait.
   */
  @Schema(name = "ChannelTestResult")
  public record TestResult(
      @Schema(enumeration = {"sent", "failed", "pending"}) String status,
      @JsonbNillable @Schema(description = "why the attempt failed; null unless failed")
          String error,
      @JsonbProperty("http_status")
          @JsonbNillable
          @Schema(description = "the receiver's HTTP status; null when none arrived")
          Integer httpStatus,
      @JsonbProperty("duration_ms")
          @Schema(description = "from queuing to the attempt's end; the time waited when pending")
          long durationMs,
      @JsonbProperty("notification_id") @Schema(description = "the test in the notification log")
          UUID notificationId) {

    static TestResult of(TestOutcome o) {
      return new TestResult(
          o.status(), o.error(), o.httpStatus(), o.duration().toMillis(), o.notificationId());
    }
  }

  /**
   * Why a channel, though valid, cannot deliver as configured: an email channel while no SMTP
   * server is configured ({@code smtpHost} empty). Empty otherwise.
   */
  static Optional<String> warning(Channel ch, Optional<String> smtpHost) {
    return Channel.EMAIL.equals(ch.type()) && smtpHost.isEmpty()
        ? Optional.of(NO_SMTP_WARNING)
        : Optional.empty();
  }
}

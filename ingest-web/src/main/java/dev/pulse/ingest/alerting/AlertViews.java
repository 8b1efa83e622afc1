package dev.pulse.ingest.alerting;

import dev.pulse.domain.alert.AlertRepository;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** AlertViews are the bodies of the alert and notification endpoints. */
public final class AlertViews {

  private AlertViews() {}

  /** One firing episode of one fingerprint (a rule and the values of its group_by labels). */
  @Schema(name = "Alert")
  public record AlertView(
      UUID id,
      String project,
      @Schema(description = "the rule and group labels, hashed") String fingerprint,
      @JsonbProperty("rule_id") UUID ruleId,
      @Schema(enumeration = {"pending", "firing", "resolved"}) String state,
      @Schema(enumeration = {"critical", "error", "warning", "info"}) String severity,
      Map<String, String> labels,
      Map<String, String> annotations,
      @JsonbNillable @Schema(description = "the last value evaluated") Double value,
      @JsonbNillable Double threshold,
      @JsonbProperty("started_at") Instant startedAt,
      @JsonbProperty("fired_at") @JsonbNillable Instant firedAt,
      @JsonbProperty("last_seen_at") Instant lastSeenAt,
      @JsonbProperty("resolved_at") @JsonbNillable Instant resolvedAt,
      long occurrences,
      @Schema(description = "whether a silence muted its notifications") boolean silenced,
      boolean flapping,
      @JsonbProperty("acknowledged_by") @JsonbNillable @Schema(description = "a user id")
          UUID acknowledgedBy,
      @JsonbProperty("acknowledged_at") @JsonbNillable Instant acknowledgedAt) {

    static AlertView of(AlertRepository.Alert a) {
      return new AlertView(
          a.id(),
          a.project(),
          a.fingerprint(),
          a.ruleId(),
          a.state(),
          a.severity(),
          a.labels(),
          a.annotations(),
          a.value(),
          a.threshold(),
          a.startedAt(),
          a.firedAt(),
          a.lastSeenAt(),
          a.resolvedAt(),
          a.occurrences(),
          a.silenced(),
          a.flapping(),
          a.acknowledgedBy(),
          a.acknowledgedAt());
    }
  }

  /** Alerts newest first; {@code next_cursor} is null on the last page. */
  @Schema(name = "AlertPage")
  public record AlertPage(
      List<AlertView> items,
      @JsonbProperty("next_cursor")
          @JsonbNillable
          @Schema(description = "pass as cursor for the next page; null on the last page")
          String nextCursor) {

    static AlertPage of(AlertRepository.Page<AlertRepository.Alert> page) {
      return new AlertPage(page.items().stream().map(AlertView::of).toList(), page.nextCursor());
    }
  }

  /** One transition of an alert, or its acknowledgement ({@code to} acknowledged). */
  @Schema(name = "AlertTransition")
  public record TransitionView(
      Instant at,
      @JsonbNillable @Schema(description = "null for the first transition") String from,
      String to,
      @JsonbNillable Double value,
      String cause) {

    static TransitionView of(AlertRepository.Transition t) {
      return new TransitionView(t.at(), t.from(), t.to(), t.value(), t.cause());
    }
  }

  /** Every transition of an alert, oldest first. */
  @Schema(name = "AlertHistory")
  public record AlertHistory(List<TransitionView> items) {}

  /** One notification to one channel, with every delivery attempt. */
  @Schema(name = "Notification")
  public record NotificationView(
      UUID id,
      @JsonbProperty("alert_id") @JsonbNillable @Schema(description = "null for tests and digests")
          UUID alertId,
      @JsonbProperty("rule_id") @JsonbNillable UUID ruleId,
      @JsonbProperty("channel_id") UUID channelId,
      @Schema(enumeration = {"firing", "resolved", "digest", "flapping", "test", "group"})
          String kind,
      @Schema(enumeration = {"pending", "sent", "failed", "throttled", "silenced"}) String status,
      List<AttemptView> attempts,
      @JsonbProperty("created_at") Instant createdAt,
      @JsonbProperty("sent_at") @JsonbNillable Instant sentAt,
      @JsonbProperty("digest_id")
          @JsonbNillable
          @Schema(description = "the digest a throttled notification was folded into")
          UUID digestId,
      @JsonbProperty("fallback_of")
          @JsonbNillable
          @Schema(description = "the notification this one stands in for, on a fallback channel")
          UUID fallbackOf) {

    static NotificationView of(AlertRepository.Notification n) {
      return new NotificationView(
          n.id(),
          n.alertId(),
          n.ruleId(),
          n.channelId(),
          n.kind(),
          n.status(),
          n.attempts().stream()
              .map(a -> new AttemptView(a.at(), a.httpStatus(), a.error()))
              .toList(),
          n.createdAt(),
          n.sentAt(),
          n.digestId(),
          n.fallbackOf());
    }
  }

  /** One delivery attempt; http_status and error are absent when there was none. */
  @Schema(name = "DeliveryAttempt")
  public record AttemptView(
      Instant at,
      @JsonbProperty("http_status") @Schema(description = "the receiver's HTTP status")
          Integer httpStatus,
      String error) {}

  /** Notifications newest first; {@code next_cursor} is null on the last page. */
  @Schema(name = "NotificationPage")
  public record NotificationPage(
      List<NotificationView> items,
      @JsonbProperty("next_cursor")
          @JsonbNillable
          @Schema(description = "pass as cursor for the next page; null on the last page")
          String nextCursor) {

    static NotificationPage of(AlertRepository.Page<AlertRepository.Notification> page) {
      return new NotificationPage(
          page.items().stream().map(NotificationView::of).toList(), page.nextCursor());
    }
  }
}

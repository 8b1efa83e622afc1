package dev.pulse.worker.notify;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.rule.RuleRules;
import dev.pulse.worker.ratelimit.RedisRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Throttle applies the rule's and the project's sliding-window limits to per-alert notifications
 * before their first attempt, and folds the held-back ones into one digest per rule and channel
 * when the limits allow again. Test notifications, digests and group messages are not limited.
 */
@ApplicationScoped
public class Throttle {

  @Inject NotificationRows rows;
  @Inject RedisRateLimiter limiter;
  @Inject RuleLimits rules;
  @Inject NotifyConfig config;
  @Inject NotifyMetrics metrics;

  /** Whether the notification may go out now; marks it admitted when it may. */
  boolean admit(Claimed n) {
    if ("test".equals(n.kind())) {
      return true;
    }
    boolean allowed = acquire(n.ruleId(), n.project());
    metrics.limiter(n.project(), allowed);
    if (allowed) {
      rows.admitted(n.id());
    }
    return allowed;
  }

  /** Sends one digest per rule and channel with held-back notifications, when the limits allow. */
  void digests() {
    for (Object[] held : rows.heldBack()) {
      UUID rule = (UUID) held[0];
      String project = (String) held[2];
      if (acquire(rule, project)) {
        rows.digest(rule, (UUID) held[1], project, Instant.now());
      }
    }
  }

  /** One notification's worth of the rule's limit, then of the project's. */
  private boolean acquire(UUID ruleId, String project) {
    int perRule =
        ruleId == null
            ? RuleRules.DEFAULT_NOTIFICATIONS_PER_MINUTE
            : rules.notificationsPerMinute(ruleId);
    return limiter
            .acquire(String.valueOf(ruleId), RateLimit.perMinute("notify-rule", perRule), 1)
            .allowed()
        && limiter
            .acquire(
                project, RateLimit.perMinute("notify-project", config.notifyProjectPerMinute()), 1)
            .allowed();
  }
}

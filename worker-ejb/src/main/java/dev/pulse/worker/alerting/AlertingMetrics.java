package dev.pulse.worker.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * AlertingMetrics exports evaluation and notification figures at /metrics: {@code
 * pulse_rules_evaluated_total}, {@code pulse_rule_evaluation_duration_seconds}, {@code
 * pulse_rule_failures_total}, {@code pulse_alert_transitions_total{to}}, {@code
 * pulse_notifications_total{outcome}}, {@code pulse_notify_limiter_total{project,decision}} and
 * {@code pulse_notify_outbox_lag_seconds}, and the gauge {@code pulse_alerts{state}}: fingerprints
 * pending and firing, counted every ten seconds.
 */
@ApplicationScoped
public class AlertingMetrics {

  @Inject MetricRegistry registry;

  private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();

  /** Sets the open alerts per state (pending, firing). */
  public void openAlerts(Map<String, Long> byState) {
    byState.forEach(
        (state, n) ->
            open.computeIfAbsent(
                    state,
                    s -> {
                      AtomicLong value = new AtomicLong();
                      registry.gauge("pulse.alerts", value, AtomicLong::get, new Tag("state", s));
                      return value;
                    })
                .set(n));
  }

  public void evaluated(int rules, long nanos) {
    registry.counter("pulse.rules.evaluated").inc(rules);
    registry.timer("pulse.rule.evaluation.duration").update(Duration.ofNanos(nanos));
  }

  public void ruleFailed() {
    registry.counter("pulse.rule.failures").inc();
  }

  public void transition(String to) {
    registry.counter("pulse.alert.transitions", new Tag("to", to)).inc();
  }

  public void notification(String outcome) {
    registry.counter("pulse.notifications", new Tag("outcome", outcome)).inc();
  }

  public void limiter(String project, boolean allowed) {
    registry
        .counter(
            "pulse.notify.limiter",
            new Tag("project", project),
            new Tag("decision", allowed ? "allowed" : "throttled"))
        .inc();
  }

  public void outboxLag(Duration lag) {
    registry.timer("pulse.notify.outbox.lag").update(lag);
  }
}

package dev.pulse.worker.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * AlertingMetrics exports evaluation figures at /metrics: {@code pulse_rules_evaluated_total},
 * {@code pulse_rule_evaluation_duration_seconds}, {@code pulse_rule_failures_total}, {@code
 * pulse_alert_transitions_total{to}}, and the gauge {@code pulse_alerts{state}}: fingerprints
 * pending and firing, counted every ten seconds. Notification figures are {@code
 * dev.pulse.worker.notify.NotifyMetrics}'.
 */
@ApplicationScoped
public class AlertingMetrics {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.alert.transitions",
          "Alert state transitions, by the state entered",
          "pulse.alerts",
          "Open alerts by state (pending, firing), refreshed by every evaluation tick",
          "pulse.rule.evaluation.duration",
          "Time one alert tick took to evaluate every rule, in seconds",
          "pulse.rule.failures",
          "Rule evaluations that failed (the rule is retried on the next tick)",
          "pulse.rules.evaluated",
          "Rule evaluations run by the alert tick");

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
                      registry.gauge(
                          help("pulse.alerts"), value, AtomicLong::get, new Tag("state", s));
                      return value;
                    })
                .set(n));
  }

  public void evaluated(int rules, long nanos) {
    registry.counter(help("pulse.rules.evaluated")).inc(rules);
    registry.timer(help("pulse.rule.evaluation.duration")).update(Duration.ofNanos(nanos));
  }

  public void ruleFailed() {
    registry.counter(help("pulse.rule.failures")).inc();
  }

  public void transition(String to) {
    registry.counter(help("pulse.alert.transitions"), new Tag("to", to)).inc();
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}

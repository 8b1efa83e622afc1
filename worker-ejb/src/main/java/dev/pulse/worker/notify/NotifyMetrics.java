package dev.pulse.worker.notify;

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
 * NotifyMetrics exports delivery figures at /metrics: {@code pulse_notifications_total{outcome}},
 * {@code pulse_notify_limiter_total{project,decision}}, {@code pulse_notify_outbox_lag_seconds},
 * {@code pulse_channel_circuit_opened_total{channel}} and the gauge {@code
 * pulse_channel_circuit_state{channel}} (0 closed, 1 half open, 2 open; refreshed every ten seconds
 * for every channel whose circuit has left closed since this node started).
 */
@ApplicationScoped
public class NotifyMetrics {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.channel.circuit.opened",
          "Times a channel's circuit breaker opened after consecutive delivery failures",
          "pulse.channel.circuit.state",
          "Circuit breaker of a channel: 0 closed, 1 half open, 2 open",
          "pulse.notifications",
          "Notification delivery attempts, by outcome",
          "pulse.notify.limiter",
          "Notifications checked against the rule and project rate limits, by decision",
          "pulse.notify.outbox.lag",
          "Time from a notification being due to its first attempt, in seconds");

  @Inject MetricRegistry registry;

  private final Map<String, AtomicLong> circuits = new ConcurrentHashMap<>();

  /** Sets the circuit gauges: channel id → "open" or "half_open"; others are closed. */
  public void circuits(Map<java.util.UUID, String> notClosed) {
    circuits.forEach((channel, value) -> value.set(0));
    notClosed.forEach(
        (channel, state) -> circuit(channel.toString()).set("open".equals(state) ? 2 : 1));
  }

  public void circuitOpened(java.util.UUID channel) {
    registry
        .counter(help("pulse.channel.circuit.opened"), new Tag("channel", channel.toString()))
        .inc();
    circuit(channel.toString()).set(2);
  }

  private AtomicLong circuit(String channel) {
    return circuits.computeIfAbsent(
        channel,
        c -> {
          AtomicLong value = new AtomicLong();
          registry.gauge(
              help("pulse.channel.circuit.state"), value, AtomicLong::get, new Tag("channel", c));
          return value;
        });
  }

  public void notification(String outcome) {
    registry.counter(help("pulse.notifications"), new Tag("outcome", outcome)).inc();
  }

  public void limiter(String project, boolean allowed) {
    registry
        .counter(
            help("pulse.notify.limiter"),
            new Tag("project", project),
            new Tag("decision", allowed ? "allowed" : "throttled"))
        .inc();
  }

  public void outboxLag(Duration lag) {
    registry.timer(help("pulse.notify.outbox.lag")).update(lag);
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}

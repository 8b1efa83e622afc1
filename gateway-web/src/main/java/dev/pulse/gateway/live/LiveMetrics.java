package dev.pulse.gateway.live;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * LiveMetrics: {@code pulse_live_sessions} (open now), {@code pulse_live_messages_sent_total},
 * {@code pulse_live_sessions_dropped_total{reason}} and {@code pulse_live_fanout_duration_seconds}
 * (from a change reaching this node to its frame written to the socket).
 */
@ApplicationScoped
public class LiveMetrics {

  @Inject MetricRegistry registry;

  private Counter sent;
  private Timer fanout;
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    sent = registry.counter("pulse.live.messages.sent");
    fanout = registry.timer("pulse.live.fanout.duration");
  }

  void sessions(Supplier<Number> open) {
    registry.gauge("pulse.live.sessions", open);
  }

  void sent(long queuedAtNanos) {
    sent.inc();
    if (queuedAtNanos != 0) {
      fanout.update(Duration.ofNanos(System.nanoTime() - queuedAtNanos));
    }
  }

  void dropped(String reason) {
    dropped
        .computeIfAbsent(
            reason, r -> registry.counter("pulse.live.sessions.dropped", new Tag("reason", r)))
        .inc();
  }
}

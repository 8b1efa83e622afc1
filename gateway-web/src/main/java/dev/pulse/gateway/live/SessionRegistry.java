package dev.pulse.gateway.live;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SessionRegistry holds this node's open sessions, how many each user has (for the per-user cap)
 * and, per project, the sessions subscribed to it — the index every fan-out walks.
 */
@ApplicationScoped
public class SessionRegistry {

  @Inject LiveConfig config;
  @Inject LiveMetrics metrics;

  /** By identity: the container's socket ids are not relied upon to be unique over time. */
  private final Set<LiveSession> sessions = ConcurrentHashMap.newKeySet();

  private final Map<UUID, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final Map<String, Set<LiveSession>> byProject = new ConcurrentHashMap<>();

  @PostConstruct
  void register() {
    metrics.sessions(sessions::size);
  }

  /** Adds a session; false when its user already has the maximum number open. */
  boolean open(LiveSession s) {
    AtomicInteger count = perUser.computeIfAbsent(s.viewer().user(), u -> new AtomicInteger());
    if (count.incrementAndGet() > config.maxConnectionsPerUser()) {
      count.decrementAndGet();
      return false;
    }
    sessions.add(s);
    return true;
  }

  void remove(LiveSession s) {
    if (!sessions.remove(s)) {
      return;
    }
    perUser.computeIfPresent(s.viewer().user(), (u, c) -> c.decrementAndGet() <= 0 ? null : c);
    s.subscriptions.values().forEach(sub -> watching(sub.project).remove(s));
    s.subscriptions.clear();
  }

  /** Adds a subscription; false when the session already has one of that id. */
  boolean subscribe(LiveSession s, Subscription sub) {
    if (s.subscriptions.putIfAbsent(sub.id, sub) != null) {
      return false;
    }
    watching(sub.project).add(s);
    if (!sessions.contains(s)) {
      watching(sub.project).remove(s); // closed meanwhile
    }
    return true;
  }

  boolean unsubscribe(LiveSession s, String id) {
    Subscription sub = s.subscriptions.remove(id);
    if (sub == null) {
      return false;
    }
    if (s.subscriptions.values().stream().noneMatch(o -> o.project.equals(sub.project))) {
      watching(sub.project).remove(s);
    }
    return true;
  }

  /** The sessions with at least one subscription to {@code project}. */
  Set<LiveSession> watching(String project) {
    return byProject.computeIfAbsent(project, p -> ConcurrentHashMap.newKeySet());
  }

  Collection<LiveSession> all() {
    return sessions;
  }
}

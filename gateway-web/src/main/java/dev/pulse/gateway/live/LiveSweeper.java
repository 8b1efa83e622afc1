package dev.pulse.gateway.live;

import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.worker.application.KnownAccounts;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * LiveSweeper starts the node's feed and, every second, walks the open sessions: pings those due a
 * heartbeat, closes those silent past the idle timeout (1001), those whose token expired (4401)
 * and, every few seconds, those whose user left a subscribed project (4403).
 */
@ApplicationScoped
public class LiveSweeper {

  private static final Logger LOG = System.getLogger(LiveSweeper.class.getName());

  @Inject LiveConfig config;
  @Inject SessionRegistry registry;
  @Inject LiveGateway gateway;
  @Inject LiveFeed feed;
  @EJB ProjectRepository projects;
  @Inject KnownAccounts accounts;
  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> sweeping;
  private long lastMembershipCheck;
  private long sweeps;

  void start(@Observes Startup startup) {
    feed.start();
    sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (sweeping != null) {
      sweeping.cancel(false);
    }
    for (LiveSession s : registry.all()) {
      gateway.mustClose(
          s,
          new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"),
          "shutdown");
    }
  }

  void sweep() {
    try {
      Instant now = Instant.now();
      long heartbeat = config.heartbeat().toNanos();
      long idle = config.idleTimeout().toNanos();
      boolean checkMembers =
          System.nanoTime() - lastMembershipCheck >= config.membershipCheck().toNanos();
      Map<String, Boolean> members = new HashMap<>();
      for (LiveSession s : registry.all()) {
        String left = checkMembers ? leftProject(s, members) : null;
        if (s.expired(now, config.clockSkew())) {
          gateway.mustClose(s, Closing.UNAUTHORIZED.reason("the access token expired"), "expired");
        } else if (checkMembers && !accounts.exists(s.viewer().user())) {
          gateway.mustClose(
              s, Closing.UNAUTHORIZED.reason("the account no longer exists"), "deleted");
        } else if (s.silentNanos() > idle) {
          gateway.mustClose(s, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "idle"), "idle");
        } else if (left != null) {
          gateway.mustClose(
              s, Closing.FORBIDDEN.reason("no longer a member of project " + left), "forbidden");
        } else {
          s.pingIfDue(heartbeat);
        }
      }
      if (checkMembers) {
        lastMembershipCheck = System.nanoTime();
      }
      if (++sweeps % 10 == 0) {
        feed.keepAlive(java.time.Duration.ofSeconds(35));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Live sweep failed: {0}", e.toString());
    }
  }

  /** A subscribed project the viewer no longer belongs to, or null; one lookup per user+project. */
  private String leftProject(LiveSession s, Map<String, Boolean> members) {
    UUID user = s.viewer().user();
    Set<String> seen = new HashSet<>();
    for (Subscription sub : s.subscriptions.values()) {
      if (seen.add(sub.project)) {
        boolean member =
            members.computeIfAbsent(
                user + " " + sub.project, k -> projects.roleOf(sub.project, user).isPresent());
        if (!member) {
          return sub.project;
        }
      }
    }
    return null;
  }
}

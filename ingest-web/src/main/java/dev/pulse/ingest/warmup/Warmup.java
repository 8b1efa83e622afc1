package dev.pulse.ingest.warmup;

import dev.pulse.ingest.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warmup sends the server's own ingestion endpoints {@code pulse.warmup.seconds} of loopback
 * traffic at start, before the startup check reports UP, so the JIT has compiled the request path
 * when real producers arrive: a cold Liberty serves a few hundred requests per second, a warm one
 * thousands (docs/BENCHMARKS.md, issue 11).
 *
 * <p>Its requests carry a key made at random for this run and known only to this process. Such a
 * request takes the whole path (HTTP, filters, JAX-RS, key check, parse, validation, canonical
 * JSON, the 202) except the append: nothing reaches the stream or the database. The key stops
 * working when the warm-up ends.
 */
@ApplicationScoped
public class Warmup {

  private static final Logger LOG = System.getLogger(Warmup.class.getName());
  private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(30);
  private static final int MIN_SECONDS = 10;
  private static final int WINDOW_SECONDS = 5;
  private static final double QUIET_COMPILE_SHARE = 0.25;

  @Inject IngestConfig config;
  @Resource ManagedExecutorService executor;

  private volatile byte[] key;
  private volatile boolean done;
  private volatile boolean stopping;
  private volatile boolean enough;
  private volatile String outcome = "not started";
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();

  void atStart(@Observes Startup startup) {
    if (config.warmupSeconds() <= 0) {
      finish("off (pulse.warmup.seconds=0)");
      return;
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key =
        ("pulse_warmup_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
            .getBytes(StandardCharsets.US_ASCII);
    outcome = "running";
    executor.submit(this::run);
  }

  /** Whether {@code presented} is this run's warm-up key (always false once the warm-up ended). */
  public boolean isWarmupKey(String presented) {
    byte[] mine = key;
    return mine != null
        && presented != null
        && presented.startsWith("pulse_warmup_")
        && MessageDigest.isEqual(mine, presented.getBytes(StandardCharsets.US_ASCII));
  }

  public boolean isDone() {
    return done;
  }

  /** What the warm-up did, for the health check. */
  public String outcome() {
    return outcome;
  }

  public long requests() {
    return requests.get();
  }

  private void run() {
    long started = System.nanoTime();
    try {
      InetSocketAddress target = target();
      if (!awaitServing(target)) {
        finish("skipped: nothing answered on " + target + " within " + CONNECT_PATIENCE);
        return;
      }
      long serving = System.nanoTime();
      int connections = Math.max(1, config.warmupConnections());
      CountDownLatch drivers = new CountDownLatch(connections);
      for (int i = 0; i < connections; i++) {
        executor.submit(
            () -> {
              try {
                drive(target);
              } finally {
                drivers.countDown();
              }
            });
      }
      String why = untilCompiled(serving);
      enough = true;
      drivers.await();
      finish(
          String.format(
              "%d requests in %.1f s, %d not answered 202; ended %s",
              requests.get(), (System.nanoTime() - started) / 1e9, unexpected.get(), why));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish("interrupted");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Warm-up failed; starting without it", e);
      finish("failed: " + e);
    }
  }

  private void finish(String what) {
    key = null;
    outcome = what;
    done = true;
    LOG.log(Level.INFO, "Warm-up: {0}", what);
  }

  private InetSocketAddress target() {
    String host = config.httpHost();
    if (host == null || host.isBlank() || "*".equals(host) || "0.0.0.0".equals(host)) {
      host = "127.0.0.1";
    } else if ("::".equals(host)) {
      host = "::1";
    }
    return new InetSocketAddress(host, config.httpPort());
  }

  /** The HTTP port opens once every application started; until then connections are refused. */
  private boolean awaitServing(InetSocketAddress target) throws InterruptedException {
    long giveUp = System.nanoTime() + CONNECT_PATIENCE.toNanos();
    List<WarmupRequests.Request> probe =
        WarmupRequests.all(new String(key, StandardCharsets.US_ASCII));
    while (!stopping && System.nanoTime() < giveUp) {
      try (WarmupRequests.Connection connection = new WarmupRequests.Connection(target)) {
        int status = connection.send(probe.get(0));
        if (status != 404 && status != 503) {
          count(probe.get(0), status);
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet, or the application is not in service yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  /**
   * Waits while the JIT compiles what the traffic made hot: until, after at least {@link
   * #MIN_SECONDS}, a {@link #WINDOW_SECONDS} window saw less than {@link #QUIET_COMPILE_SHARE} of
   * one core spent compiling, or {@code pulse.warmup.seconds} have passed since the server first
   * answered. Returns why it stopped.
   */
  private String untilCompiled(long started) throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
    long max = Duration.ofSeconds(config.warmupSeconds()).toNanos();
    long min = Math.min(max, Duration.ofSeconds(MIN_SECONDS).toNanos());
    long windowStart = System.nanoTime();
    long compiledAtStart = measurable ? jit.getTotalCompilationTime() : 0;
    long requestsAtStart = requests.get();
    while (!stopping) {
      Thread.sleep(1_000);
      long now = System.nanoTime();
      if (now - started >= max) {
        return "at the limit of " + config.warmupSeconds() + " s (pulse.warmup.seconds)";
      }
      if (now - windowStart < Duration.ofSeconds(WINDOW_SECONDS).toNanos()) {
        continue;
      }
      double seconds = (now - windowStart) / 1e9;
      long compiled = measurable ? jit.getTotalCompilationTime() : 0;
      double share = (compiled - compiledAtStart) / 1000.0 / seconds;
      LOG.log(
          Level.INFO,
          String.format(
              "Warm-up: %.0f requests/s, JIT busy %.0f %% of a core",
              (requests.get() - requestsAtStart) / seconds, share * 100));
      if (measurable && now - started >= min && share < QUIET_COMPILE_SHARE) {
        return String.format("when the JIT went quiet (%.0f %% of a core)", share * 100);
      }
      windowStart = now;
      compiledAtStart = compiled;
      requestsAtStart = requests.get();
    }
    return "as the server stops";
  }

  private void drive(InetSocketAddress target) {
    byte[] mine = key;
    if (mine == null) {
      return;
    }
    List<WarmupRequests.Request> all =
        WarmupRequests.all(new String(mine, StandardCharsets.US_ASCII));
    while (!stopping && !enough) {
      try (WarmupRequests.Connection connection = new WarmupRequests.Connection(target)) {
        while (!stopping && !enough) {
          for (WarmupRequests.Request request : all) {
            count(request, connection.send(request));
          }
        }
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "Warm-up connection ended: {0}", e.toString());
      }
    }
  }

  private void count(WarmupRequests.Request request, int status) {
    requests.incrementAndGet();
    if (status != 202 && unexpected.getAndIncrement() == 0) {
      LOG.log(Level.WARNING, "Warm-up: {0} answered {1}", request.path(), status);
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    key = null;
  }
}

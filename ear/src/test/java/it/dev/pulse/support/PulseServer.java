package it.dev.pulse.support;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PulseServer is a JUnit extension that makes sure the Liberty server built by this module runs
 * (started once for the whole test run, stopped at its end) with the Redis and PostgreSQL that
 * {@code ./pulse test} started. Before each test class it checks the server is up and restarts it
 * if not; tests that crash it on purpose restart it through {@link #start()}.
 */
public final class PulseServer implements BeforeAllCallback {

  /** The retention period of the test server. */
  public static final int RETENTION_DAYS = 3650;

  /** Short timings so redelivery and dead-lettering can be observed within a test. */
  private static final Map<String, String> TEST_SETTINGS =
      Map.ofEntries(
          Map.entry("PULSE_WORKER_CLAIM_IDLE_MS", "1000"),
          Map.entry("PULSE_WORKER_CLAIM_INTERVAL_MS", "500"),
          Map.entry("PULSE_WORKER_MAX_DELIVERIES", "3"),
          Map.entry("PULSE_ADMIN_EMAIL", TestEnv.ADMIN_EMAIL),
          Map.entry("PULSE_ADMIN_PASSWORD", TestEnv.ADMIN_PASSWORD),
          Map.entry("PULSE_BOOTSTRAP_KEY", TestEnv.BOOTSTRAP_KEY),
          Map.entry("PULSE_CORS_ORIGINS", TestEnv.DASHBOARD_ORIGIN),
          // Every test logs in from 127.0.0.1; the per-account limit keeps its default and is
          // tested.
          Map.entry("PULSE_AUTH_LOGIN_ADDRESS_PER_MINUTE", "100000"),
          // Retention runs every few seconds so RetentionIT can watch it, with a period of ten
          // years: test data is dated relative to now, and only RetentionIT dates rows beyond it.
          Map.entry("PULSE_RETENTION_DAYS", Integer.toString(RETENTION_DAYS)),
          Map.entry("PULSE_RETENTION_INTERVAL_SECONDS", "2"),
          // Small purge chunks, so deleting a project's events takes several transactions.
          Map.entry("PULSE_PURGE_CHUNK_SIZE", "100"),
          // A short live send queue, so a stalled client is found out after few frames.
          Map.entry("PULSE_LIVE_QUEUE_LIMIT", "500"),
          Map.entry("PULSE_LIVE_MEMBERSHIP_CHECK_SECONDS", "1"),
          // An open circuit lets a probe through after 3 s, so CircuitBreakerIT sees it close.
          Map.entry("PULSE_NOTIFY_CIRCUIT_COOL_DOWN_SECONDS", "3"));

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  @Override
  public void beforeAll(ExtensionContext context) {
    TestEnv.httpPort(); // fails at once, with the reason, outside ./pulse test
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            PulseServer.class,
            k -> {
              start();
              return (ExtensionContext.Store.CloseableResource) PulseServer::stop;
            });
    ensureRunning();
  }

  /**
   * Checked before every test class: a class that crashed the server (kill -9, a failed restart)
   * must not make every later class time out, so a server that is not up is restarted.
   */
  static void ensureRunning() {
    if (isUp()) {
      return;
    }
    System.out.println("Pulse is not up before this test class: restarting it");
    run("stop");
    run("start");
    awaitStarted();
  }

  public static Path wlp() {
    return Path.of(System.getProperty("pulse.wlp.dir"));
  }

  /** The server's directory: server.xml, logs/, resources/security/. */
  public static Path serverDir() {
    return wlp().resolve("usr/servers/" + serverName());
  }

  private static String serverName() {
    return System.getProperty("pulse.server.name", "pulse");
  }

  public static void start() {
    if (isUp()) {
      return;
    }
    run("start");
    awaitStarted();
  }

  public static void stop() {
    run("stop");
  }

  public static void awaitStarted() {
    Poll.until(START_TIMEOUT, "Pulse /health/started to be UP", () -> isUp());
  }

  private static boolean isUp() {
    try {
      HttpResponse<String> started = Api.get("/health/started");
      return started.statusCode() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Kills the server's JVM with SIGKILL: no shutdown hooks, no graceful anything. */
  public static void kill9() throws Exception {
    Path pidFile = wlp().resolve("usr/servers/.pid/" + serverName() + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle process =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
    process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static void run(String action) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(List.of(wlp().resolve("bin/server").toString(), action, serverName()))
              .redirectErrorStream(true)
              .redirectOutput(
                  new File(
                      System.getProperty("java.io.tmpdir"), "pulse-server-" + action + ".log"));
      pb.environment().putAll(TEST_SETTINGS);
      int rc = pb.start().waitFor();
      if (rc != 0 && !"stop".equals(action)) {
        throw new IllegalStateException("server " + action + " exited " + rc);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.pulse.worker.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis owns the application's one pooled Redis client (from {@code PULSE_REDIS_URL}) and times
 * every command run through {@link #call}, so Redis latency is visible in the metrics.
 */
@ApplicationScoped
public class Redis {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.redis.command.duration",
          "Time of one Redis interaction (command, pipeline or transaction), by command, in seconds");

  @Inject RedisConfig config;
  @Inject MetricRegistry metrics;

  private RedisClient client;
  private HostAndPort address;
  private DefaultJedisClientConfig clientConfig;
  private final java.util.Map<String, Timer> latency =
      new java.util.concurrent.ConcurrentHashMap<>();

  @PostConstruct
  void open() {
    URI uri = config.redisUrl();
    int poolSize = config.redisPoolSize();
    int timeoutMs = config.redisTimeoutMs();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    // Fail fast when Redis is gone: callers turn this into 503 + Retry-After.
    pool.setMaxWait(Duration.ofMillis(timeoutMs));
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(10));
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .database(databaseOf(uri));
    String userInfo = uri.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        if (colon > 0) {
          config.user(userInfo.substring(0, colon));
        }
        config.password(userInfo.substring(colon + 1));
      } else {
        config.password(userInfo);
      }
    }
    if ("rediss".equals(uri.getScheme())) {
      config.ssl(true);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 6379;
    address = new HostAndPort(uri.getHost(), port);
    clientConfig = config.build();
    client =
        RedisClient.builder()
            .hostAndPort(address)
            .clientConfig(clientConfig)
            .poolConfig(pool)
            .build();
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }

  /**
   * Runs one Redis interaction (a command, a pipeline or a transaction), timed under {@code
   * pulse_redis_command_duration_seconds{command=...}}. Blocking reads include their wait.
   */
  public <T> T call(String name, Function<UnifiedJedis, T> command) {
    Timer timer =
        latency.computeIfAbsent(
            name, n -> metrics.timer(help("pulse.redis.command.duration"), new Tag("command", n)));
    Timer.Context timing = timer.time();
    try {
      return command.apply(client);
    } finally {
      timing.stop();
    }
  }

  /**
   * A connection of its own, outside the pool, for a subscriber: a connection left in subscribed
   * mode must never go back to the pool, where other commands would read its messages.
   */
  public redis.clients.jedis.Jedis dedicatedConnection() {
    return new redis.clients.jedis.Jedis(address, clientConfig);
  }

  public boolean isReachable() {
    try {
      return "PONG".equals(call("ping", UnifiedJedis::ping));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int databaseOf(URI uri) {
    String path = uri.getPath();
    if (path == null || path.length() <= 1) {
      return 0;
    }
    return Integer.parseInt(path.substring(1));
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}

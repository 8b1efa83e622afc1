package dev.pulse.worker.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * RedisConfig holds the settings of the Redis connection: its URL, pool size and timeout. Defaults
 * are in META-INF/microprofile-config.properties; environment variables override them (pulse.x.y-z
 * is PULSE_X_Y_Z).
 */
@ApplicationScoped
public class RedisConfig {

  @Inject
  @ConfigProperty(name = "pulse.redis.url")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "pulse.redis.pool-size")
  int redisPoolSize;

  @Inject
  @ConfigProperty(name = "pulse.redis.timeout-ms")
  int redisTimeoutMs;

  public URI redisUrl() {
    return URI.create(redisUrl);
  }

  public int redisPoolSize() {
    return redisPoolSize;
  }

  public int redisTimeoutMs() {
    return redisTimeoutMs;
  }
}

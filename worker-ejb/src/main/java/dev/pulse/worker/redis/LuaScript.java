package dev.pulse.worker.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * LuaScript is one script of the worker's resources, run by its SHA-1 so each call sends only the
 * hash. Pipelined calls need the script already loaded: {@link #withLoaded} loads it once and, if
 * Redis forgot it (a restart, SCRIPT FLUSH), loads it again and retries the work once.
 */
public final class LuaScript {

  private final String source;
  private volatile String sha;

  private LuaScript(String source) {
    this.source = source;
  }

  /** The script {@code name} next to {@code owner}'s class file. */
  public static LuaScript of(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing next to " + owner.getName());
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-1 to pass to EVALSHA, valid inside {@link #withLoaded}. */
  public String sha() {
    return sha;
  }

  /** Runs {@code work} (which may queue EVALSHA of this script) with the script loaded. */
  public <T> T withLoaded(UnifiedJedis jedis, Function<UnifiedJedis, T> work) {
    if (sha == null) {
      sha = jedis.scriptLoad(source);
    }
    try {
      return work.apply(jedis);
    } catch (JedisNoScriptException forgotten) {
      sha = jedis.scriptLoad(source);
      return work.apply(jedis);
    }
  }

  /** One call of the script. */
  public Object eval(UnifiedJedis jedis, List<String> keys, List<String> args) {
    return withLoaded(jedis, j -> j.evalsha(sha, keys, args));
  }
}

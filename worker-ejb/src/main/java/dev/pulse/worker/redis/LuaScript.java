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
  private final String sha;
  private volatile boolean loaded;

  private LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
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

  /**
   * The SHA-1 to pass to EVALSHA (Redis names a script by the SHA-1 of its text); Redis knows it
   * inside {@link #withLoaded}, or after an EVAL of {@link #source}.
   */
  public String sha() {
    return sha;
  }

  /** The script's text, for EVAL. */
  public String source() {
    return source;
  }

  /** Runs {@code work} (which may queue EVALSHA of this script) with the script loaded. */
  public <T> T withLoaded(UnifiedJedis jedis, Function<UnifiedJedis, T> work) {
    if (!loaded) {
      jedis.scriptLoad(source);
      loaded = true;
    }
    try {
      return work.apply(jedis);
    } catch (JedisNoScriptException forgotten) {
      jedis.scriptLoad(source);
      return work.apply(jedis);
    }
  }

  /** One call of the script. */
  public Object eval(UnifiedJedis jedis, List<String> keys, List<String> args) {
    return withLoaded(jedis, j -> j.evalsha(sha, keys, args));
  }

  private static String sha1(String script) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(script.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

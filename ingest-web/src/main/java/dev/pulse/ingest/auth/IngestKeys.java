package dev.pulse.ingest.auth;

import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Secrets;
import dev.pulse.ingest.IngestConfig;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IngestKeys resolves an ingest key to its project. Ingestion must not wait on PostgreSQL for every
 * request, so answers (found or not) are kept for {@code PULSE_AUTH_KEY_CACHE_SECONDS}: a key
 * revoked on this node stops working at once, on other nodes within that time.
 */
@ApplicationScoped
public class IngestKeys {

  /** A usable key: its id, project, quota (null: none) and the part of it that may be shown. */
  public record Resolved(UUID id, String projectId, Long eventsPerMinute, String shown) {}

  private record Cached(Optional<Resolved> key, long expiresAt) {}

  private static final int MAX_CACHED = 10_000;

  @EJB ProjectRepository projects;

  @Inject IngestConfig config;

  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  /** The key's project and quota, or empty for an unknown or revoked key. */
  public Optional<Resolved> resolve(String key) {
    String digest = Secrets.digest(key);
    long now = System.nanoTime();
    Cached cached = cache.get(digest);
    if (cached != null && now - cached.expiresAt() < 0) {
      return cached.key();
    }
    Optional<Resolved> found =
        projects
            .keyByDigest(digest)
            .filter(k -> !k.isRevoked())
            .map(
                k ->
                    new Resolved(
                        k.getId(), k.getProjectId(), k.getEventsPerMinute(), k.getPrefix()));
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // crude but bounded; a flood of random keys cannot grow the heap
    }
    cache.put(digest, new Cached(found, now + config.keyCacheTime().toNanos()));
    return found;
  }

  /** Drops what this node remembers of a key (after it was revoked or deleted here). */
  public void forget(ApiKey key) {
    forget(key.getSecretDigest());
  }

  public void forget(String secretDigest) {
    cache.remove(secretDigest);
  }
}

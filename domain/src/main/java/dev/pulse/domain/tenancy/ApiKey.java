package dev.pulse.domain.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * ApiKey lets a producer send events into one project. Only a SHA-256 digest of the secret is
 * stored (the secret is random, so a slow hash would add nothing); the prefix identifies the key in
 * listings. A revoked key is kept so that listings and audits still show it.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

  @Id private UUID id;

  @Column(name = "project_id", nullable = false, length = 63)
  private String projectId;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 32)
  private String prefix;

  @Column(name = "secret_digest", nullable = false, length = 64)
  private String secretDigest;

  /** Events per minute this key may send, or null for no quota. */
  @Column(name = "events_per_minute")
  private Long eventsPerMinute;

  @Column(name = "created_by")
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiKey() {}

  public ApiKey(
      UUID id,
      String projectId,
      String name,
      String prefix,
      String secretDigest,
      Long eventsPerMinute,
      UUID createdBy,
      Instant createdAt) {
    this.id = id;
    this.projectId = projectId;
    this.name = name;
    this.prefix = prefix;
    this.secretDigest = secretDigest;
    this.eventsPerMinute = eventsPerMinute;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public String getProjectId() {
    return projectId;
  }

  public String getName() {
    return name;
  }

  public String getPrefix() {
    return prefix;
  }

  public String getSecretDigest() {
    return secretDigest;
  }

  public Long getEventsPerMinute() {
    return eventsPerMinute;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }
}

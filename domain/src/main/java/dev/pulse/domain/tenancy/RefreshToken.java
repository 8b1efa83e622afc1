package dev.pulse.domain.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * RefreshToken is one link of a rotation chain (its family, started at login). Each token may be
 * redeemed once; redeeming a token that was already used means it was stolen or replayed, and the
 * whole family is revoked. Only a SHA-256 digest of the opaque token is stored.
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

  @Id private UUID id;

  @Column(name = "family_id", nullable = false)
  private UUID familyId;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(name = "token_digest", nullable = false, length = 64)
  private String tokenDigest;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected RefreshToken() {}

  public RefreshToken(
      UUID id,
      UUID familyId,
      UUID userId,
      String tokenDigest,
      Instant createdAt,
      Instant expiresAt) {
    this.id = id;
    this.familyId = familyId;
    this.userId = userId;
    this.tokenDigest = tokenDigest;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  /** What redeeming this token at {@code now} means. */
  public enum Redemption {
    VALID,
    EXPIRED,
    REVOKED,
    /** Already used: a replay, so the family must be revoked. */
    REUSED
  }

  public Redemption redeem(Instant now) {
    if (revokedAt != null) {
      return Redemption.REVOKED;
    }
    if (usedAt != null) {
      return Redemption.REUSED;
    }
    if (!now.isBefore(expiresAt)) {
      return Redemption.EXPIRED;
    }
    usedAt = now;
    return Redemption.VALID;
  }

  public UUID getId() {
    return id;
  }

  public UUID getFamilyId() {
    return familyId;
  }

  public UUID getUserId() {
    return userId;
  }
}

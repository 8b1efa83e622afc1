package dev.pulse.domain.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * AccountRepository stores users and their refresh tokens. Each method is one transaction; token
 * rotation serialises everything done to one token family, so a reused token can never escape the
 * revocation of its family.
 */
public interface AccountRepository {

  /** What became of a presented refresh token. */
  enum Rotation {
    ROTATED,
    UNKNOWN,
    EXPIRED,
    REVOKED,
    /** Presented a second time: its whole family is now revoked. */
    REUSED
  }

  /** A rotation's outcome and, when {@link Rotation#ROTATED}, the user it belongs to. */
  record Rotated(Rotation outcome, User user) {}

  /**
   * What closing an account did: the ids of the projects it was the only member of (now deleted,
   * their events purged in the background) and the digests of the ingest keys that went with them.
   */
  record Closure(List<String> deletedProjects, List<String> removedKeyDigests) {}

  /** Inserts the user unless the email is taken; true when inserted. */
  boolean register(User user);

  Optional<User> find(UUID id);

  /** Whether the account still exists (a token outlives a deleted account otherwise). */
  boolean exists(UUID id);

  Optional<User> findByEmail(String email);

  void saveRefreshToken(RefreshToken token);

  /**
   * Redeems the token with this digest and, if it was valid, stores {@code next} in its family. A
   * reused token revokes its family (committed, not rolled back).
   */
  Rotated rotate(String digest, Instant now, Function<RefreshToken, RefreshToken> next);

  /** Revokes the family of the token with this digest (logout); false when no such token. */
  boolean revokeFamilyOf(String digest, Instant now);
}

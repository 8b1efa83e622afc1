package dev.pulse.worker.tenancy;

import dev.pulse.domain.tenancy.AccountRepository;
import dev.pulse.domain.tenancy.RefreshToken;
import dev.pulse.domain.tenancy.User;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * JpaAccountRepository stores users and their refresh tokens. Every public method is one
 * transaction; token rotation locks the presented token's row, so two concurrent redemptions of the
 * same token cannot both succeed (the second sees it used and revokes the family).
 */
@Stateless
@Local(AccountRepository.class)
public class JpaAccountRepository implements AccountRepository {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /** Inserts the user unless the email is taken; true when inserted. */
  @Override
  public boolean register(User user) {
    int inserted =
        em.createNativeQuery(
                "insert into users (id, email, name, password_hash, created_at) values (?1, ?2, ?3, ?4, ?5) "
                    + "on conflict (email) do nothing")
            .setParameter(1, user.getId())
            .setParameter(2, user.getEmail())
            .setParameter(3, user.getName())
            .setParameter(4, user.getPasswordHash())
            .setParameter(5, user.getCreatedAt())
            .executeUpdate();
    return inserted == 1;
  }

  @Override
  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  @Override
  public boolean exists(UUID id) {
    return !em.createNativeQuery("select 1 from users where id = ?1")
        .setParameter(1, id)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return em.createQuery("select u from User u where u.email = :email", User.class)
        .setParameter("email", email)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void saveRefreshToken(RefreshToken token) {
    em.persist(token);
  }

  /**
   * Redeems the token with this digest and, if it was valid, stores {@code next} in its family. A
   * reused token revokes its family in this same transaction (it is committed, not rolled back).
   */
  @Override
  public Rotated rotate(String digest, Instant now, Function<RefreshToken, RefreshToken> next) {
    Optional<RefreshToken> found =
        em.createQuery(
                "select t from RefreshToken t where t.tokenDigest = :digest", RefreshToken.class)
            .setParameter("digest", digest)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return new Rotated(Rotation.UNKNOWN, null);
    }
    RefreshToken token = found.get();
    lockFamily(token.getFamilyId());
    switch (token.redeem(now)) {
      case VALID -> {
        User user = em.find(User.class, token.getUserId());
        if (user == null) {
          return new Rotated(Rotation.UNKNOWN, null);
        }
        em.persist(next.apply(token));
        return new Rotated(Rotation.ROTATED, user);
      }
      case REUSED -> {
        revokeFamily(token.getFamilyId(), now);
        return new Rotated(Rotation.REUSED, null);
      }
      case EXPIRED -> {
        return new Rotated(Rotation.EXPIRED, null);
      }
      default -> {
        return new Rotated(Rotation.REVOKED, null);
      }
    }
  }

  /** Revokes the family of the token with this digest (logout); false when no such token. */
  @Override
  public boolean revokeFamilyOf(String digest, Instant now) {
    List<UUID> family =
        em.createQuery(
                "select t.familyId from RefreshToken t where t.tokenDigest = :digest", UUID.class)
            .setParameter("digest", digest)
            .getResultList();
    family.forEach(
        id -> {
          lockFamily(id);
          revokeFamily(id, now);
        });
    return !family.isEmpty();
  }

  /**
   * Serialises everything done to one family until commit: without it, a reuse detected in one
   * transaction could revoke the family while another inserts a new token into it, unseen.
   */
  private void lockFamily(UUID familyId) {
    em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) as locked")
        .setParameter(1, familyId.getMostSignificantBits() ^ familyId.getLeastSignificantBits())
        .getSingleResult();
  }

  private void revokeFamily(UUID familyId, Instant now) {
    em.createNativeQuery(
            "update refresh_tokens set revoked_at = ?1 where family_id = ?2 and revoked_at is null")
        .setParameter(1, now)
        .setParameter(2, familyId)
        .executeUpdate();
  }
}

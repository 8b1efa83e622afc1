package dev.pulse.worker.tenancy;

import dev.pulse.domain.tenancy.RefreshToken;
import dev.pulse.domain.tenancy.User;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JpaAccountRepository stores users and their refresh tokens. Every public method is one
 * transaction; token rotation locks the presented token's row, so two concurrent redemptions of
 * the same token cannot both succeed (the second sees it used and revokes the family).
 */
@Stateless
@LocalBean
public class JpaAccountRepository {

  /** What became of a presented refresh token. */
  public enum Rotation {
    ROTATED,
    UNKNOWN,
    EXPIRED,
    REVOKED,
    /** Presented a second time: its whole family is now revoked. */
    REUSED
  }

  /** A rotation's outcome and, when {@link Rotation#ROTATED}, the user it belongs to. */
  public record Rotated(Rotation outcome, User user) {}

  /** Why an account could not be deleted: projects it alone owns that still have other members. */
  public record Deletion(boolean deleted, List<String> soleOwnerOf) {}

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /** Inserts the user unless the email is taken; true when inserted. */
  public boolean register(User user) {
    int inserted = em.createNativeQuery(
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

  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  public Optional<User> findByEmail(String email) {
    return em.createQuery("select u from User u where u.email = :email", User.class)
        .setParameter("email", email)
        .getResultStream()
        .findFirst();
  }

  public boolean emailTakenByOther(String email, UUID userId) {
    return !em.createQuery("select u.id from User u where u.email = :email and u.id <> :id", UUID.class)
        .setParameter("email", email)
        .setParameter("id", userId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Applies the changes; a new password also revokes every refresh token of the user. */
  public Optional<User> update(UUID id, String name, String email, String passwordHash) {
    User user = em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (user == null) {
      return Optional.empty();
    }
    if (name != null) {
      user.rename(name);
    }
    if (email != null) {
      user.changeEmail(email);
    }
    if (passwordHash != null) {
      user.changePassword(passwordHash);
      revokeAllOf(id, Instant.now());
    }
    em.flush();
    return Optional.of(user);
  }

  public void saveRefreshToken(RefreshToken token) {
    em.persist(token);
  }

  /**
   * Redeems the token with this digest and, if it was valid, stores {@code next} in its family.
   * A reused token revokes its family in this same transaction (it is committed, not rolled back).
   */
  public Rotated rotate(String digest, Instant now, java.util.function.Function<RefreshToken, RefreshToken> next) {
    Optional<RefreshToken> found = em.createQuery(
            "select t from RefreshToken t where t.tokenDigest = :digest", RefreshToken.class)
        .setParameter("digest", digest)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
    if (found.isEmpty()) {
      return new Rotated(Rotation.UNKNOWN, null);
    }
    RefreshToken token = found.get();
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
  public boolean revokeFamilyOf(String digest, Instant now) {
    List<UUID> family = em.createQuery(
            "select t.familyId from RefreshToken t where t.tokenDigest = :digest", UUID.class)
        .setParameter("digest", digest)
        .getResultList();
    family.forEach(id -> revokeFamily(id, now));
    return !family.isEmpty();
  }

  private void revokeFamily(UUID familyId, Instant now) {
    em.createNativeQuery("update refresh_tokens set revoked_at = ?1 where family_id = ?2 and revoked_at is null")
        .setParameter(1, now)
        .setParameter(2, familyId)
        .executeUpdate();
  }

  private void revokeAllOf(UUID userId, Instant now) {
    em.createNativeQuery("update refresh_tokens set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
        .setParameter(1, now)
        .setParameter(2, userId)
        .executeUpdate();
  }

  /**
   * Deletes the user with their memberships and tokens. Projects they were the only member of go
   * too, events included, so a later project with the same id never sees them. Refused while the
   * user is the only owner of a project that has other members: ownership must be handed on first.
   */
  @SuppressWarnings("unchecked")
  public Deletion delete(UUID id) {
    if (em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE) == null) {
      return new Deletion(false, List.of());
    }
    List<String> blocked = em.createNativeQuery(
            "select m.project_id from memberships m where m.user_id = ?1 and m.role = 'owner' "
                + "and not exists (select 1 from memberships o where o.project_id = m.project_id "
                + "and o.role = 'owner' and o.user_id <> ?1) "
                + "and exists (select 1 from memberships x where x.project_id = m.project_id and x.user_id <> ?1) "
                + "order by 1")
        .setParameter(1, id)
        .getResultList();
    if (!blocked.isEmpty()) {
      return new Deletion(false, blocked);
    }
    List<String> alone = em.createNativeQuery(
            "select m.project_id from memberships m where m.user_id = ?1 "
                + "and not exists (select 1 from memberships x where x.project_id = m.project_id and x.user_id <> ?1)")
        .setParameter(1, id)
        .getResultList();
    for (String project : alone) {
      em.createNativeQuery("delete from events where project = ?1").setParameter(1, project).executeUpdate();
      em.createNativeQuery("delete from projects where id = ?1").setParameter(1, project).executeUpdate();
    }
    em.createNativeQuery("delete from users where id = ?1").setParameter(1, id).executeUpdate();
    return new Deletion(true, List.of());
  }
}

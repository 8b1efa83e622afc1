package dev.pulse.worker.tenancy;

import dev.pulse.domain.tenancy.RefreshToken;
import dev.pulse.domain.tenancy.User;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * What deleting an account did: refused for the projects it alone owns that still have other
   * members; otherwise the digests of the ingest keys that went with its deleted projects.
   */
  public record Deletion(
      boolean deleted, List<String> soleOwnerOf, List<String> removedKeyDigests) {}

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /** Inserts the user unless the email is taken; true when inserted. */
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
    return !em.createQuery(
            "select u.id from User u where u.email = :email and u.id <> :id", UUID.class)
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
   * Redeems the token with this digest and, if it was valid, stores {@code next} in its family. A
   * reused token revokes its family in this same transaction (it is committed, not rolled back).
   */
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

  private void revokeAllOf(UUID userId, Instant now) {
    em.createNativeQuery(
            "update refresh_tokens set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
        .setParameter(1, now)
        .setParameter(2, userId)
        .executeUpdate();
  }

  /**
   * Deletes the user with their memberships and tokens. Projects they were the only member of go
   * too, with their keys and events; their ids stay taken, so a later project can never receive
   * events still in flight for them. Refused while the user is the only owner of a project that has
   * other members: ownership must be handed on first.
   */
  @SuppressWarnings("unchecked")
  public Deletion delete(UUID id) {
    if (em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE) == null) {
      return new Deletion(false, List.of(), List.of());
    }
    // Lock the memberships of every project the user is in, in the order changeRole locks them,
    // so two owners leaving at once cannot both see the other as the remaining owner.
    em.createNativeQuery(
            "select 1 from memberships where project_id in "
                + "(select project_id from memberships where user_id = ?1) order by project_id, user_id for update")
        .setParameter(1, id)
        .getResultList();
    List<String> blocked =
        em.createNativeQuery(
                "select m.project_id from memberships m where m.user_id = ?1 and m.role = 'owner' "
                    + "and not exists (select 1 from memberships o where o.project_id = m.project_id "
                    + "and o.role = 'owner' and o.user_id <> ?1) "
                    + "and exists (select 1 from memberships x where x.project_id = m.project_id and x.user_id <> ?1) "
                    + "order by 1")
            .setParameter(1, id)
            .getResultList();
    if (!blocked.isEmpty()) {
      return new Deletion(false, blocked, List.of());
    }
    List<String> alone =
        em.createNativeQuery(
                "select m.project_id from memberships m where m.user_id = ?1 "
                    + "and not exists (select 1 from memberships x where x.project_id = m.project_id and x.user_id <> ?1)")
            .setParameter(1, id)
            .getResultList();
    List<String> keyDigests = new ArrayList<>();
    for (String project : alone) {
      keyDigests.addAll(
          em.createNativeQuery("delete from api_keys where project_id = ?1 returning secret_digest")
              .setParameter(1, project)
              .getResultList());
      em.createNativeQuery("delete from events where project = ?1")
          .setParameter(1, project)
          .executeUpdate();
      // The row stays as a tombstone: the id is never handed out again.
      em.createNativeQuery("update projects set deleted_at = ?2 where id = ?1")
          .setParameter(1, project)
          .setParameter(2, Instant.now())
          .executeUpdate();
    }
    em.createNativeQuery("delete from users where id = ?1").setParameter(1, id).executeUpdate();
    return new Deletion(true, List.of(), keyDigests);
  }
}

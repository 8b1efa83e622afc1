package dev.pulse.worker.application;

import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.tenancy.AccountRepository.Closure;
import dev.pulse.domain.tenancy.Refusal;
import dev.pulse.domain.tenancy.User;
import dev.pulse.worker.jdbc.SqlStates;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * AccountChanges changes and closes accounts. Each is one transaction that locks the user's row
 * first, so the password check, the email check and the change all see the same account; a
 * concurrent change of the same account waits, and a taken email is a {@link Refusal}, never a
 * database error.
 */
@Stateless
public class AccountChanges {

  /** What to change; null fields stay as they are. Email is normalised, passwords are plain. */
  public record Change(String name, String email, String newPassword, String currentPassword) {}

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  @Inject Passwords passwords;

  /**
   * Applies the change. A new email or password needs the current password; a new password also
   * revokes every refresh token of the user.
   *
   * @throws Refusal UNAUTHENTICATED when the account is gone; INVALID without current_password;
   *     FORBIDDEN when it is wrong; CONFLICT when another account has the email
   */
  public User update(UUID id, Change change) {
    User user = em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (user == null) {
      throw new Refusal(
          Refusal.Reason.UNAUTHENTICATED, "the account of this token no longer exists");
    }
    boolean newEmail = change.email() != null && !change.email().equals(user.getEmail());
    if (newEmail || change.newPassword() != null) {
      if (change.currentPassword() == null) {
        throw Refusal.invalid(
            List.of(
                new FieldError(
                    "current_password",
                    "current_password is required to change email or password")));
      }
      if (!passwords.verify(change.currentPassword(), user.getPasswordHash())) {
        throw Refusal.forbidden("current_password is wrong");
      }
    }
    if (newEmail && emailTaken(change.email())) {
      throw emailConflict();
    }
    if (change.name() != null) {
      user.rename(change.name());
    }
    if (newEmail) {
      user.changeEmail(change.email());
    }
    if (change.newPassword() != null) {
      user.changePassword(passwords.hash(change.newPassword()));
      em.createNativeQuery(
              "update refresh_tokens set revoked_at = ?1 where user_id = ?2 and revoked_at is null")
          .setParameter(1, Instant.now())
          .setParameter(2, id)
          .executeUpdate();
    }
    try {
      em.flush();
    } catch (PersistenceException e) {
      // Another account took the email after our check and before our write (its transaction
      // committed while ours waited on the unique index).
      if (isUniqueViolation(e)) {
        throw emailConflict();
      }
      throw e;
    }
    return user;
  }

  /**
   * Deletes the user with their memberships and tokens. Projects they were the only member of are
   * deleted too, with their keys, at once; their events are purged in the background, in chunks
   * ({@link dev.pulse.worker.tenancy.ProjectPurge}). Project ids stay taken, so a later project can
   * never receive events still in flight for them.
   *
   * @throws Refusal UNAUTHENTICATED when the account is gone; CONFLICT while the user is the only
   *     owner of a project that has other members
   */
  @SuppressWarnings("unchecked")
  public Closure close(UUID id) {
    if (em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE) == null) {
      throw new Refusal(
          Refusal.Reason.UNAUTHENTICATED, "the account of this token no longer exists");
    }
    // Lock the memberships of every project the user is in, in the order MembershipChanges locks
    // them, so two owners leaving at once cannot both see the other as the remaining owner.
    em.createNativeQuery(
            "select 1 from memberships where project_id in "
                + "(select project_id from memberships where user_id = ?1) "
                + "order by project_id, user_id for update")
        .setParameter(1, id)
        .getResultList();
    List<String> blocked =
        em.createNativeQuery(
                "select m.project_id from memberships m where m.user_id = ?1 and m.role = 'owner' "
                    + "and not exists (select 1 from memberships o where o.project_id = m.project_id "
                    + "and o.role = 'owner' and o.user_id <> ?1) "
                    + "and exists (select 1 from memberships x where x.project_id = m.project_id "
                    + "and x.user_id <> ?1) order by 1")
            .setParameter(1, id)
            .getResultList();
    if (!blocked.isEmpty()) {
      throw Refusal.conflict(
          "you are the only owner of "
              + String.join(", ", blocked)
              + "; make another member owner first");
    }
    List<String> alone =
        em.createNativeQuery(
                "select m.project_id from memberships m where m.user_id = ?1 and not exists "
                    + "(select 1 from memberships x where x.project_id = m.project_id "
                    + "and x.user_id <> ?1) order by 1")
            .setParameter(1, id)
            .getResultList();
    List<String> keyDigests = new ArrayList<>();
    Instant now = Instant.now();
    for (String project : alone) {
      keyDigests.addAll(
          em.createNativeQuery("delete from api_keys where project_id = ?1 returning secret_digest")
              .setParameter(1, project)
              .getResultList());
      // The row stays as a tombstone: the id is never handed out again.
      em.createNativeQuery("update projects set deleted_at = ?2 where id = ?1")
          .setParameter(1, project)
          .setParameter(2, now)
          .executeUpdate();
    }
    em.createNativeQuery("delete from users where id = ?1").setParameter(1, id).executeUpdate();
    return new Closure(List.copyOf(alone), keyDigests);
  }

  private boolean emailTaken(String email) {
    return !em.createQuery("select u.id from User u where u.email = :email", UUID.class)
        .setParameter("email", email)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  private static Refusal emailConflict() {
    return new Refusal(
        Refusal.Reason.CONFLICT,
        "an account with this email exists",
        List.of(new FieldError("email", "email is taken by another account")));
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && SqlStates.isUniqueViolation(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}

package dev.pulse.worker.application;

import dev.pulse.domain.tenancy.AccountRules;
import dev.pulse.domain.tenancy.Membership;
import dev.pulse.domain.tenancy.ProjectRepository.Member;
import dev.pulse.domain.tenancy.Refusal;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.User;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * MembershipChanges adds members, changes a member's role and removes members. Each is one
 * transaction that first locks every membership of the project, then checks the caller's role, the
 * target's role and the last-owner rule, and then changes: no concurrent change can slip between
 * the check and the act (two admins demoting each other, an owner leaving while another is
 * demoted).
 */
@Stateless
public class MembershipChanges {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /**
   * Adds the registered user with this email as {@code role}, on behalf of {@code actor}.
   *
   * @throws Refusal NOT_FOUND when the actor is not a member or no user has the email; FORBIDDEN
   *     when the actor's role may not add this role; CONFLICT when the user is a member already
   */
  public Member add(UUID actor, String projectId, String email, Role role, Instant now) {
    List<Membership> all = lockMemberships(projectId);
    Role mine = roleOf(all, actor, projectId, Role.ADMIN);
    if (!mine.mayAssign(null, role)) {
      throw Refusal.forbidden(
          "your role (" + mine.wireName() + ") cannot add " + role.wireName() + "s");
    }
    User user =
        em.createQuery("select u from User u where u.email = :email", User.class)
            .setParameter("email", email)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    Refusal.notFound(
                        "no registered user with this email; they must register first"));
    if (all.stream().anyMatch(m -> m.getUserId().equals(user.getId()))) {
      throw Refusal.conflict(
          "already a member; change their role with PUT .../members/" + user.getId());
    }
    Membership membership = new Membership(projectId, user.getId(), role, now);
    em.persist(membership);
    return Member.of(user, membership);
  }

  /**
   * Gives {@code target} the role {@code role}, on behalf of {@code actor}.
   *
   * @throws Refusal NOT_FOUND when the actor is not a member or the target is not; FORBIDDEN when
   *     the actor's role may not make this change; CONFLICT when it would leave no owner
   */
  public Member changeRole(UUID actor, String projectId, UUID target, Role role) {
    List<Membership> all = lockMemberships(projectId);
    Role mine = roleOf(all, actor, projectId, Role.ADMIN);
    Membership member = find(all, target);
    if (!mine.mayAssign(member.getRole(), role)) {
      throw Refusal.forbidden(
          "your role ("
              + mine.wireName()
              + ") cannot change a "
              + member.getRole().wireName()
              + " into a "
              + role.wireName());
    }
    refuseIfLastOwner(all, member, role);
    member.changeRole(role);
    return Member.of(em.find(User.class, target), member);
  }

  /**
   * Removes {@code target} from the project: an admin removing someone, or anyone leaving (actor
   * and target the same).
   *
   * @throws Refusal as {@link #changeRole}
   */
  public void remove(UUID actor, String projectId, UUID target) {
    List<Membership> all = lockMemberships(projectId);
    boolean leaving = actor.equals(target);
    Role mine = roleOf(all, actor, projectId, leaving ? Role.VIEWER : Role.ADMIN);
    Membership member = find(all, target);
    if (!leaving && !mine.mayAssign(member.getRole(), null)) {
      throw Refusal.forbidden(
          "your role (" + mine.wireName() + ") cannot remove a " + member.getRole().wireName());
    }
    refuseIfLastOwner(all, member, null);
    em.remove(member);
  }

  /** Every membership of the project, locked until commit, always in the same order. */
  private List<Membership> lockMemberships(String projectId) {
    if (!AccountRules.checkSlug(projectId).isEmpty()) {
      throw notAmongYours(projectId);
    }
    return em.createQuery(
            "select m from Membership m where m.key.projectId = :project order by m.key.userId",
            Membership.class)
        .setParameter("project", projectId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  private static Role roleOf(List<Membership> all, UUID actor, String projectId, Role needed) {
    Role mine =
        all.stream()
            .filter(m -> m.getUserId().equals(actor))
            .map(Membership::getRole)
            .findFirst()
            .orElseThrow(() -> notAmongYours(projectId));
    if (!mine.includes(needed)) {
      throw Refusal.forbidden(
          "this needs the "
              + needed.wireName()
              + " role in project "
              + projectId
              + "; yours is "
              + mine.wireName());
    }
    return mine;
  }

  private static Membership find(List<Membership> all, UUID target) {
    return all.stream()
        .filter(m -> m.getUserId().equals(target))
        .findFirst()
        .orElseThrow(() -> Refusal.notFound("no such member in this project"));
  }

  private static void refuseIfLastOwner(List<Membership> all, Membership member, Role next) {
    long otherOwners = all.stream().filter(m -> m != member && m.getRole() == Role.OWNER).count();
    if (member.getRole() == Role.OWNER && next != Role.OWNER && otherOwners == 0) {
      throw Refusal.conflict("a project needs at least one owner; make someone else owner first");
    }
  }

  private static Refusal notAmongYours(String projectId) {
    return Refusal.notFound("no project " + AccountRules.quoted(projectId) + " among yours");
  }
}

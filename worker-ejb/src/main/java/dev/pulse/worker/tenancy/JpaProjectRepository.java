package dev.pulse.worker.tenancy;

import dev.pulse.domain.tenancy.ApiKey;
import dev.pulse.domain.tenancy.Membership;
import dev.pulse.domain.tenancy.Project;
import dev.pulse.domain.tenancy.ProjectRepository;
import dev.pulse.domain.tenancy.Role;
import dev.pulse.domain.tenancy.User;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JpaProjectRepository stores projects, their members and their ingest keys. Each public method is
 * one transaction. Role changes lock the project's memberships, so two concurrent demotions can
 * never leave a project without an owner.
 */
@Stateless
@Local(ProjectRepository.class)
public class JpaProjectRepository implements ProjectRepository {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /**
   * Creates the project with {@code owner} as its owner (none when null); false when the id is
   * taken, also by a deleted project: ids are never reused, so late events of a deleted project can
   * never surface in a new one.
   */
  @Override
  public boolean create(Project project, UUID owner) {
    int inserted =
        em.createNativeQuery(
                "insert into projects (id, name, created_at) values (?1, ?2, ?3) on conflict (id) do nothing")
            .setParameter(1, project.getId())
            .setParameter(2, project.getName())
            .setParameter(3, project.getCreatedAt())
            .executeUpdate();
    if (inserted == 0) {
      return false;
    }
    if (owner != null) {
      em.persist(new Membership(project.getId(), owner, Role.OWNER, project.getCreatedAt()));
    }
    return true;
  }

  @Override
  public Optional<Project> find(String id) {
    return Optional.ofNullable(em.find(Project.class, id));
  }

  @Override
  public Optional<Project> rename(String id, String name) {
    Project project = em.find(Project.class, id);
    if (project != null) {
      project.rename(name);
    }
    return Optional.ofNullable(project);
  }

  /** The user's role in the project, or empty when not a member (or no such project). */
  @Override
  public Optional<Role> roleOf(String projectId, UUID userId) {
    return Optional.ofNullable(em.find(Membership.class, new Membership.Key(projectId, userId)))
        .map(Membership::getRole);
  }

  @Override
  public List<ProjectRole> projectsOf(UUID userId) {
    return em
        .createQuery(
            "select p, m from Project p, Membership m where m.key.projectId = p.id "
                + "and m.key.userId = :user order by p.id",
            Object[].class)
        .setParameter("user", userId)
        .getResultList()
        .stream()
        .map(row -> new ProjectRole((Project) row[0], ((Membership) row[1]).getRole()))
        .toList();
  }

  @Override
  public List<Member> members(String projectId) {
    return em
        .createQuery(
            "select u, m from User u, Membership m where m.key.userId = u.id "
                + "and m.key.projectId = :project order by m.createdAt, u.email",
            Object[].class)
        .setParameter("project", projectId)
        .getResultList()
        .stream()
        .map(row -> Member.of((User) row[0], (Membership) row[1]))
        .toList();
  }

  @Override
  public Optional<Member> member(String projectId, UUID userId) {
    Membership m = em.find(Membership.class, new Membership.Key(projectId, userId));
    User u = m == null ? null : em.find(User.class, userId);
    return u == null ? Optional.empty() : Optional.of(Member.of(u, m));
  }

  /** Adds the user; false when already a member. */
  @Override
  public boolean addMember(String projectId, UUID userId, Role role, Instant now) {
    if (em.find(Membership.class, new Membership.Key(projectId, userId)) != null) {
      return false;
    }
    em.persist(new Membership(projectId, userId, role, now));
    return true;
  }

  @Override
  public void addKey(ApiKey key) {
    em.persist(key);
  }

  @Override
  public List<ApiKey> keys(String projectId) {
    return em.createQuery(
            "select k from ApiKey k where k.projectId = :project order by k.createdAt, k.id",
            ApiKey.class)
        .setParameter("project", projectId)
        .getResultList();
  }

  private Optional<ApiKey> key(String projectId, UUID keyId) {
    ApiKey key = em.find(ApiKey.class, keyId);
    return key != null && key.getProjectId().equals(projectId)
        ? Optional.of(key)
        : Optional.empty();
  }

  @Override
  public Optional<ApiKey> revokeKey(String projectId, UUID keyId, Instant now) {
    Optional<ApiKey> key = key(projectId, keyId);
    key.ifPresent(k -> k.revoke(now));
    return key;
  }

  /** The key with this secret digest, revoked or not; the ingest path's only query. */
  @Override
  public Optional<ApiKey> keyByDigest(String digest) {
    return em.createQuery("select k from ApiKey k where k.secretDigest = :digest", ApiKey.class)
        .setParameter("digest", digest)
        .getResultStream()
        .findFirst();
  }
}

package dev.pulse.domain.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * ProjectRepository stores projects, their members and their ingest keys. Each method is one
 * transaction. Role changes and removals are use cases of their own (they check and change under
 * one lock), not methods here.
 */
public interface ProjectRepository {

  /** A project seen by one user, with that user's role in it. */
  record ProjectRole(Project project, Role role) {}

  /** A member of a project, with the user's public fields. */
  record Member(UUID userId, String email, String name, Role role, Instant since) {

    /** The user as a member, with the role and date of their membership. */
    public static Member of(User user, Membership membership) {
      return new Member(
          user.getId(),
          user.getEmail(),
          user.getName(),
          membership.getRole(),
          membership.getCreatedAt());
    }
  }

  /**
   * Creates the project with {@code owner} as its owner (none when null); false when the id is
   * taken, also by a deleted project: ids are never reused, so late events of a deleted project can
   * never surface in a new one.
   */
  boolean create(Project project, UUID owner);

  Optional<Project> find(String id);

  Optional<Project> rename(String id, String name);

  /** The user's role in the project, or empty when not a member (or no such project). */
  Optional<Role> roleOf(String projectId, UUID userId);

  List<ProjectRole> projectsOf(UUID userId);

  List<Member> members(String projectId);

  Optional<Member> member(String projectId, UUID userId);

  /** Adds the user; false when already a member. */
  boolean addMember(String projectId, UUID userId, Role role, Instant now);

  void addKey(ApiKey key);

  List<ApiKey> keys(String projectId);

  Optional<ApiKey> revokeKey(String projectId, UUID keyId, Instant now);

  /** The key with this secret digest, revoked or not; the ingest path's only query. */
  Optional<ApiKey> keyByDigest(String digest);
}

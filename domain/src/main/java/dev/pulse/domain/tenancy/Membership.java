package dev.pulse.domain.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Membership gives one user one role in one project. */
@Entity
@Table(name = "memberships")
public class Membership {

  /** The (project, user) key of a membership. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "project_id", length = 63)
    private String projectId;

    @Column(name = "user_id")
    private UUID userId;

    protected Key() {}

    public Key(String projectId, UUID userId) {
      this.projectId = projectId;
      this.userId = userId;
    }

    public String projectId() {
      return projectId;
    }

    public UUID userId() {
      return userId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(projectId, k.projectId)
          && Objects.equals(userId, k.userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(projectId, userId);
    }
  }

  @EmbeddedId private Key key;

  /**
   * The role's wire name. Not an AttributeConverter: Hibernate would resolve one through CDI, which
   * Liberty does not offer it while the application starts.
   */
  @Column(nullable = false, length = 16)
  private String role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Membership() {}

  public Membership(String projectId, UUID userId, Role role, Instant createdAt) {
    this.key = new Key(projectId, userId);
    this.role = role.wireName();
    this.createdAt = createdAt;
  }

  public String getProjectId() {
    return key.projectId();
  }

  public UUID getUserId() {
    return key.userId();
  }

  public Role getRole() {
    return Role.parse(role).orElseThrow(() -> new IllegalStateException("unknown role " + role));
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void changeRole(Role role) {
    this.role = role.wireName();
  }
}

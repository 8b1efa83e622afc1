package dev.pulse.domain.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Project is the tenant: its id (a slug) scopes every event, key, rule and alert. */
@Entity
@Table(name = "projects")
public class Project {

  @Id
  @Column(length = 63)
  private String id;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Project() {}

  public Project(String id, String name, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.createdAt = createdAt;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void rename(String name) {
    this.name = name;
  }
}

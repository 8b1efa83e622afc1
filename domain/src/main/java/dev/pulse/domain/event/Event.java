package dev.pulse.domain.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Event is one stored occurrence sent by a producer: a typed, sourced, timestamped fact with an
 * optional numeric value, string tags and a free-form JSON payload. Rows are written once by the
 * worker (insert-or-ignore on project and id) and never updated, so the entity is read-only in
 * practice.
 */
@Entity
@Table(name = "events")
@IdClass(Event.Key.class)
public class Event {

  /** Ids are unique within a project: one tenant cannot occupy another's ids. */
  public static class Key implements Serializable {
    private String project;
    private UUID id;

    protected Key() {}

    public Key(String project, UUID id) {
      this.project = project;
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(project, k.project) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
      return Objects.hash(project, id);
    }
  }

  @Id private UUID id;

  @Id
  @Column(nullable = false, length = 100)
  private String project;

  @Column(nullable = false, length = 100)
  private String type;

  @Column(nullable = false, length = 200)
  private String source;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "value")
  private Double value;

  /** Tags as the JSON object text stored in the jsonb column. */
  @Column(name = "tags", nullable = false)
  private String tagsJson;

  /** Payload as the JSON text stored in the jsonb column, or null. */
  @Column(name = "payload")
  private String payloadJson;

  protected Event() {}

  public UUID getId() {
    return id;
  }

  public String getProject() {
    return project;
  }

  public String getType() {
    return type;
  }

  public String getSource() {
    return source;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }

  public Double getValue() {
    return value;
  }

  public String getTagsJson() {
    return tagsJson;
  }

  public String getPayloadJson() {
    return payloadJson;
  }
}

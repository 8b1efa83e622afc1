package dev.pulse.worker.persistence;

import dev.pulse.domain.event.Event;
import dev.pulse.domain.event.EventQuery;
import dev.pulse.domain.event.EventRepository;
import dev.pulse.worker.WorkerMetrics;
import dev.pulse.worker.jdbc.SqlStates;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * JpaEventRepository stores and finds events in PostgreSQL. Inserts take the stream's canonical
 * JSON as it is: one statement expands the JSON array with {@code jsonb_to_recordset} and skips ids
 * already present, so a batch costs one round trip and a redelivery stores nothing twice.
 */
@Stateless
@Local({EventRepository.class, EventSink.class})
public class JpaEventRepository implements EventRepository, EventSink {

  private static final String INSERT =
      "insert into events (id, project, type, source, occurred_at, received_at, value, tags, payload) "
          + "select e.id, coalesce(e.project, 'default'), e.type, e.source, e.occurred_at, e.received_at, "
          + "e.value, coalesce(e.tags, '{}'::jsonb), e.payload "
          + "from jsonb_to_recordset(cast(?1 as jsonb)) as e(id uuid, project text, type text, source text, "
          + "occurred_at timestamptz, received_at timestamptz, value double precision, tags jsonb, payload jsonb) "
          + "on conflict (project, id) do nothing";

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  @Resource(lookup = "jdbc/pulse")
  DataSource dataSource;

  @Inject WorkerMetrics metrics;

  @Override
  public int insert(List<String> eventsJson) {
    long start = System.nanoTime();
    StringBuilder array = new StringBuilder(eventsJson.size() * 320).append('[');
    for (int i = 0; i < eventsJson.size(); i++) {
      if (i > 0) {
        array.append(',');
      }
      array.append(eventsJson.get(i));
    }
    array.append(']');
    int inserted;
    try {
      inserted = em.createNativeQuery(INSERT).setParameter(1, array.toString()).executeUpdate();
    } catch (RuntimeException e) {
      throw refusedOr(e);
    }
    metrics.batchPersisted(
        eventsJson.size(), inserted, Duration.ofNanos(System.nanoTime() - start));
    return inserted;
  }

  /**
   * {@link EventSink.Refused} when PostgreSQL rejected the data itself, else {@code e} unchanged.
   */
  private static RuntimeException refusedOr(RuntimeException e) {
    return SqlStates.sqlCause(e)
        .filter(sql -> SqlStates.isDataRefused(sql.getSQLState()))
        .<RuntimeException>map(
            sql -> new EventSink.Refused(sql.getSQLState() + " " + sql.getMessage(), e))
        .orElse(e);
  }

  /** Whether PostgreSQL answers at all (readiness). */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * The events with this id, one per project that has one: callers keep those the reader may see.
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Event> findAll(UUID id) {
    return em.createQuery("select e from Event e where e.id = :id order by e.project", Event.class)
        .setParameter("id", id)
        .getResultList();
  }

  /** One page of events, newest first; ask for {@code limit + 1} to learn whether more follow. */
  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Event> search(EventQuery query, int fetch) {
    StringBuilder jpql = new StringBuilder("select e from Event e where e.project = :project");
    if (query.type() != null) {
      jpql.append(" and e.type = :type");
    }
    if (query.source() != null) {
      jpql.append(" and e.source = :source");
    }
    if (query.from() != null) {
      jpql.append(" and e.occurredAt >= :from");
    }
    if (query.to() != null) {
      jpql.append(" and e.occurredAt < :to");
    }
    if (query.after() != null) {
      jpql.append(" and (e.occurredAt < :at or (e.occurredAt = :at and e.id < :afterId))");
    }
    jpql.append(" order by e.occurredAt desc, e.id desc");
    TypedQuery<Event> q =
        em.createQuery(jpql.toString(), Event.class).setParameter("project", query.project());
    if (query.type() != null) {
      q.setParameter("type", query.type());
    }
    if (query.source() != null) {
      q.setParameter("source", query.source());
    }
    if (query.from() != null) {
      q.setParameter("from", query.from());
    }
    if (query.to() != null) {
      q.setParameter("to", query.to());
    }
    if (query.after() != null) {
      q.setParameter("at", query.after().occurredAt()).setParameter("afterId", query.after().id());
    }
    return q.setMaxResults(fetch).getResultList();
  }

  /**
   * Deletes up to {@code limit} events that occurred before {@code cutoff}; returns how many. Rows
   * are picked by their physical address: ids are unique per project only, so deleting by id could
   * remove another project's recent event that shares the id.
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int deleteOccurredBefore(Instant cutoff, int limit) {
    return em.createNativeQuery(
            "delete from events where ctid = any(array("
                + "select ctid from events where occurred_at < ?1 limit ?2))")
        .setParameter(1, cutoff)
        .setParameter(2, limit)
        .executeUpdate();
  }
}

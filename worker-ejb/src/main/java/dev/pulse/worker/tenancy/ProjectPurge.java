package dev.pulse.worker.tenancy;

import dev.pulse.worker.metric.RedisLatestValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * ProjectPurge deletes the events and metrics of deleted projects, one bounded chunk per
 * transaction, so a project with millions of events never holds locks or a connection for long. The
 * housekeeping timer calls it until nothing is left; a project whose last chunk is gone is marked
 * purged.
 */
@Stateless
public class ProjectPurge {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  @Inject RedisLatestValues latest;

  /**
   * Deletes up to {@code chunk} rows (events, then metric samples, then rollups) of one deleted,
   * not yet purged project, in a transaction of its own.
   *
   * @return how many rows were deleted, or -1 when no project is left to purge
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  @SuppressWarnings("unchecked")
  public int purgeChunk(int chunk) {
    List<String> next =
        em.createNativeQuery(
                "select id from projects where deleted_at is not null and purged_at is null "
                    + "order by deleted_at limit 1 for update skip locked")
            .getResultList();
    if (next.isEmpty()) {
      return -1;
    }
    String project = next.get(0);
    int deleted = 0;
    for (Rows rows : PURGED) {
      deleted += delete(rows, project, chunk - deleted);
      if (deleted >= chunk) {
        return deleted;
      }
    }
    em.createNativeQuery(
            "delete from metric_dirty where series_id in "
                + "(select id from metric_series where project = ?1)")
        .setParameter(1, project)
        .executeUpdate();
    em.createNativeQuery("delete from metric_series where project = ?1")
        .setParameter(1, project)
        .executeUpdate();
    em.createNativeQuery("update projects set purged_at = ?2 where id = ?1")
        .setParameter(1, project)
        .setParameter(2, Instant.now())
        .executeUpdate();
    latest.forget(project);
    return deleted;
  }

  /** Rows of a project in {@code table}, picked by {@code select} (a ctid per row). */
  private record Rows(String table, String select) {}

  /** The rows of a project that go in chunks, in order: each set is emptied before the next. */
  private static final List<Rows> PURGED =
      List.of(
          new Rows("events", "select ctid from events where project = ?1 limit ?2"),
          new Rows("metric_samples", "select ctid from metric_samples where project = ?1 limit ?2"),
          new Rows(
              "metric_rollups",
              "select r.ctid from metric_rollups r join metric_series s on s.id = r.series_id "
                  + "where s.project = ?1 limit ?2"));

  private int delete(Rows rows, String project, int limit) {
    return em.createNativeQuery(
            "delete from " + rows.table() + " where ctid = any(array(" + rows.select() + "))")
        .setParameter(1, project)
        .setParameter(2, limit)
        .executeUpdate();
  }
}

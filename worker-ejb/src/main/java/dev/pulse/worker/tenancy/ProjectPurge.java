package dev.pulse.worker.tenancy;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * ProjectPurge deletes the events of deleted projects, one bounded chunk per transaction, so a
 * project with millions of events never holds locks or a connection for long. The housekeeping
 * timer calls it until nothing is left; a project whose last chunk is gone is marked purged.
 */
@Stateless
public class ProjectPurge {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  /**
   * Deletes up to {@code chunk} events of one deleted, not yet purged project, in a transaction of
   * its own.
   *
   * @return how many events were deleted, or -1 when no project is left to purge
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
    int deleted =
        em.createNativeQuery(
                "delete from events where ctid = any(array("
                    + "select ctid from events where project = ?1 limit ?2))")
            .setParameter(1, project)
            .setParameter(2, chunk)
            .executeUpdate();
    if (deleted < chunk) {
      em.createNativeQuery("update projects set purged_at = ?2 where id = ?1")
          .setParameter(1, project)
          .setParameter(2, Instant.now())
          .executeUpdate();
    }
    return deleted;
  }
}

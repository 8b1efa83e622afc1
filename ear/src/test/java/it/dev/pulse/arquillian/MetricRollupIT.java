package it.dev.pulse.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.domain.metric.MetricSummary;
import dev.pulse.domain.metric.Step;
import dev.pulse.worker.metric.JdbcMetricRepository;
import dev.pulse.worker.metric.MetricRollup;
import dev.pulse.worker.metric.SampleSink;
import dev.pulse.worker.metric.SeriesIds;
import dev.pulse.worker.metric.StoredSample;
import dev.pulse.worker.persistence.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metric rollup pass in-container, in real JTA transactions on PostgreSQL: a pass that is
 * rolled back changes nothing and is redone, a late sample updates every level of its buckets, and
 * passes run at once (or again over the same minutes) never count a sample twice.
 *
 * <p>The server {@code pulse} of the same test run shares this database and runs passes on its own
 * timer, so these tests only assert what must hold whoever runs a pass: the figures of their own
 * series (a project of their own) after their samples are rolled up.
 */
@ExtendWith(ArquillianExtension.class)
class MetricRollupIT {

  @Deployment
  static WebArchive deployment() {
    return PulseArchives.persistence("metric-rollup")
        .addClasses(
            MetricRollup.class,
            JdbcMetricRepository.class,
            SeriesIds.class,
            StoredSample.class,
            SampleSink.class)
        .addClass("dev.pulse.worker.metric.Tags");
  }

  @Inject SchemaMigration schema;
  @EJB SampleSink samples;
  @EJB MetricRepository store;
  @EJB MetricRollup rollup;
  @Inject UserTransaction tx;

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  /** Two hours ago, on the hour: the three levels each have one bucket holding the minute 10. */
  private final Instant hour =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

  private final Instant oldest = Instant.now().minus(Duration.ofDays(7));

  private void migrated() {
    if (!schema.isApplied()) {
      schema.migrate();
    }
  }

  /** 60 samples of value i (i = 1..60), one a second, in minute 10 of the hour; sum 1830. */
  private List<StoredSample> minuteOfSamples(String project) {
    List<StoredSample> batch = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      batch.add(sample(project, i, hour.plusSeconds(600 + i - 1)));
    }
    return batch;
  }

  private static StoredSample sample(String project, double value, Instant ts) {
    return new StoredSample(
        UUID.randomUUID(), project, "rollup.test", new TreeMap<>(Map.of("k", "v")), value, ts, ts);
  }

  private long seriesOf(String project) {
    return store.findSeries(project, "rollup.test", Map.of(), 10).get(0).id();
  }

  /** Runs passes until no marked minute is left (this node's or the other server's). */
  private void rollUpEverything() {
    for (int i = 0; i < 100; i++) {
      MetricRollup.Pass pass = rollup.run(5000, oldest);
      if (pass.ran() && pass.drained()) {
        return;
      }
      sleep(100); // the other server holds the lock: its pass does the work
    }
    throw new AssertionError("the marked minutes were never drained");
  }

  /** The single bucket of each level that holds minute 10: count and sum must be {@code n, sum}. */
  private void assertBuckets(long series, long n, double sum) {
    for (Step step : Step.ROLLUPS) {
      Instant start = step.floor(hour.plusSeconds(600));
      List<MetricRepository.Bucket> buckets =
          store.buckets(List.of(series), step, start, start.plus(step.length()));
      assertEquals(1, buckets.size(), step + " buckets");
      MetricSummary s = buckets.get(0).summary();
      assertEquals(n, s.count(), step + " count");
      assertEquals(sum, s.sum(), step + " sum");
    }
  }

  @Test
  void aPassRolledBackChangesNothingAndTheNextOneCountsEachSampleOnce() throws Exception {
    migrated();
    String project = project();
    samples.insert(minuteOfSamples(project));
    long series = seriesOf(project);

    tx.begin();
    try {
      // Holding the pass lock in this transaction: the other server's passes wait it out.
      MetricRollup.Pass pass = rollup.run(5000, oldest);
      assertTrue(pass.ran());
      assertEquals(
          60,
          store
              .buckets(List.of(series), Step.MINUTE, hour, hour.plusSeconds(3600))
              .get(0)
              .summary()
              .count(),
          "visible inside the pass's transaction");
    } finally {
      tx.rollback(); // the pass is interrupted: nothing of it stays, the minute stays marked
    }
    assertEquals(1, dirtyMinutes(series), "the minute is still marked for the next pass");

    rollUpEverything();
    assertBuckets(series, 60, 1830);
    assertEquals(0, dirtyMinutes(series));
  }

  @Test
  void aLateSampleUpdatesItsMinuteFiveMinutesAndHour() {
    migrated();
    String project = project();
    samples.insert(minuteOfSamples(project));
    long series = seriesOf(project);
    rollUpEverything();
    assertBuckets(series, 60, 1830);

    StoredSample late = sample(project, 1000, hour.plusSeconds(630));
    assertEquals(1, samples.insert(List.of(late)));
    rollUpEverything();
    assertBuckets(series, 61, 2830);
    MetricSummary minute =
        store
            .buckets(List.of(series), Step.MINUTE, hour.plusSeconds(600), hour.plusSeconds(660))
            .get(0)
            .summary();
    assertEquals(1000, minute.max());
    assertEquals(1000, minute.quantile(1));

    // The same late sample delivered again (a redelivery) stores and marks nothing.
    assertEquals(0, samples.insert(List.of(late)));
    assertEquals(0, dirtyMinutes(series));
    rollUpEverything();
    assertBuckets(series, 61, 2830);
  }

  @Test
  void passesAtOnceOrAgainOverTheSameMinutesNeverDoubleCount() throws Exception {
    migrated();
    String project = project();
    samples.insert(minuteOfSamples(project));
    long series = seriesOf(project);
    rollUpEverything();
    assertBuckets(series, 60, 1830);

    // While one transaction holds the pass lock, another pass does nothing at all.
    tx.begin();
    try {
      assertTrue(rollup.run(5000, oldest).ran());
      Future<MetricRollup.Pass> other = executor.submit(() -> rollup.run(5000, oldest));
      assertFalse(other.get().ran(), "a second pass at once must not run");
    } finally {
      tx.commit();
    }

    // Mark the minute again and race eight passes over it, twice: each recomputes, none adds.
    for (int round = 0; round < 2; round++) {
      markDirty(series, hour.plusSeconds(600));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<MetricRollup.Pass>> passes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        passes.add(
            executor.submit(
                () -> {
                  start.await();
                  return rollup.run(5000, oldest);
                }));
      }
      start.countDown();
      for (Future<MetricRollup.Pass> p : passes) {
        p.get();
      }
      rollUpEverything();
      assertBuckets(series, 60, 1830);
    }
  }

  private int dirtyMinutes(long series) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("select count(*) from metric_dirty where series_id = ?")) {
      q.setLong(1, series);
      try (var rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void markDirty(long series, Instant minute) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "insert into metric_dirty (series_id, minute) values (?, ?) on conflict do nothing")) {
      q.setLong(1, series);
      q.setObject(2, java.time.OffsetDateTime.ofInstant(minute, java.time.ZoneOffset.UTC));
      q.executeUpdate();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String project() {
    return "arq-rollup-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

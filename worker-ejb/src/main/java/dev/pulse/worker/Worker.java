package dev.pulse.worker;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.metric.LatestValues;
import dev.pulse.worker.alerting.Changes;
import dev.pulse.worker.alerting.Observations;
import dev.pulse.worker.metric.SampleSink;
import dev.pulse.worker.metric.SampleStore;
import dev.pulse.worker.notify.Dispatcher;
import dev.pulse.worker.persistence.EventSink;
import dev.pulse.worker.persistence.SchemaMigration;
import dev.pulse.worker.stream.ConsumerGroup;
import dev.pulse.worker.stream.DeadLetterAfterDeliveries;
import dev.pulse.worker.stream.DeadLetters;
import dev.pulse.worker.stream.RecordStore;
import dev.pulse.worker.stream.StreamConfig;
import dev.pulse.worker.stream.StreamConsumer;
import dev.pulse.worker.tenancy.TenancyBootstrap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

/**
 * Worker starts with the application: it migrates the schema, creates the configured admin, project
 * and key ({@link TenancyBootstrap}), creates the consumer group and runs the configured number of
 * {@link StreamConsumer}s on the managed executor. Start-up retries in the background while
 * PostgreSQL or Redis are unreachable (/health/started says so). On stop it lets every consumer
 * persist and ack its batch in hand before the application goes away.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class Worker {

  private static final Logger LOG = System.getLogger(Worker.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(2);

  @Resource(lookup = "concurrent/pulse/consumers")
  ManagedExecutorService executor;

  @Inject StreamConfig config;
  @Inject SchemaMigration schema;
  @Inject ConsumerGroup stream;
  @Inject DeadLetters deadLetters;
  @Inject WorkerMetrics metrics;
  @EJB EventSink events;
  @EJB SampleSink samples;
  @Inject LatestValues latest;
  @EJB TenancyBootstrap tenancy;
  @Inject Observations observations;
  @Inject Changes changes;
  @Inject Dispatcher dispatcher;

  private final List<StreamConsumer> consumers = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;
  private volatile boolean bootstrapped;
  private volatile Future<?> bootstrap;

  @PostConstruct
  void start() {
    bootstrap = executor.submit(this::bootstrap);
  }

  private void bootstrap() {
    while (!stopping) {
      try {
        schema.migrate();
        tenancy.run();
        stream.ensureGroup();
        startConsumers();
        executor.submit(changes::listen);
        executor.submit(dispatcher::run);
        bootstrapped = true;
        return;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Worker not started yet (retrying in {0}): {1}", RETRY, e.toString());
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Under the lock that {@link #stop()} takes too, so no consumer starts after the stop. */
  private void startConsumers() {
    synchronized (consumers) {
      if (stopping) {
        return;
      }
      var poison =
          new DeadLetterAfterDeliveries(stream, deadLetters, metrics, config.maxDeliveries());
      Map<EventLog.Kind, RecordStore> stores =
          Map.of(
              EventLog.Kind.EVENT,
              events::insert,
              EventLog.Kind.SAMPLE,
              new SampleStore(samples, latest));
      try {
        for (int i = 0; i < config.consumers(); i++) {
          StreamConsumer consumer =
              new StreamConsumer(
                  config.name() + "-" + i, stream, stores, poison, observations, config);
          executor.submit(consumer);
          consumers.add(consumer);
        }
      } catch (RuntimeException rejected) {
        consumers.forEach(StreamConsumer::stop); // the retry starts a full set again
        consumers.clear();
        throw rejected;
      }
    }
    LOG.log(
        Level.INFO, "Worker started {0} consumers on stream {1}", consumers.size(), stream.key());
  }

  /** Migrations and bootstrap applied, and every configured consumer running. */
  public boolean isStarted() {
    return bootstrapped
        && schema.isApplied()
        && consumers.size() == config.consumers()
        && !stopping;
  }

  @PreDestroy
  void stop() {
    synchronized (consumers) {
      stopping = true;
      consumers.forEach(StreamConsumer::stop);
    }
    changes.stop();
    dispatcher.stop();
    if (bootstrap != null) {
      bootstrap.cancel(true);
    }
    for (StreamConsumer consumer : consumers) {
      try {
        if (!consumer.awaitStopped(config.shutdownTimeout())) {
          // Its batch stays pending in Redis and is redelivered after restart: late, not lost.
          LOG.log(Level.WARNING, "Consumer {0} did not stop in time", consumer.name());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.log(Level.INFO, "Worker stopped");
  }
}

package dev.pulse.ingest.intake;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.ingest.IngestConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * StreamAppender lets concurrent requests share Redis round trips (group commit): requests queue
 * their events, and a few flusher loops take whatever is queued, append it in one pipeline and
 * complete each request's future only after Redis answered. A request is therefore answered 202
 * only once its events are in the stream, and a failed pipeline fails every request in it.
 */
@ApplicationScoped
public class StreamAppender {

  private static final Logger LOG = System.getLogger(StreamAppender.class.getName());

  @Inject EventLog stream;
  @Inject IngestConfig config;

  @Resource ManagedExecutorService executor;

  private static final RateLimiter.Decision REHEARSED = RateLimiter.Decision.allow(Long.MAX_VALUE);

  private BlockingQueue<Append> queue;
  private CountDownLatch flushersDone;
  private volatile boolean running = true;

  private record Append(
      EventLog.Batch batch, CompletableFuture<RateLimiter.Decision> done, boolean rehearsal) {
    int size() {
      return batch.entries().size();
    }
  }

  @PostConstruct
  void start() {
    queue = new ArrayBlockingQueue<>(config.appendQueueSize());
    flushersDone = new CountDownLatch(config.appendFlushers());
    for (int i = 0; i < config.appendFlushers(); i++) {
      executor.submit(this::flushLoop);
    }
  }

  /**
   * Queues entries of one kind for the stream, charged to {@code quota} if there is one (null:
   * none). The stage completes when Redis holds them all (allowed) or refused them all for the
   * quota (denied), or fails with {@link Overloaded} (queue full) or the Redis error.
   */
  public CompletionStage<RateLimiter.Decision> append(
      EventLog.Kind kind, List<String> entries, EventLog.Quota quota) {
    return enqueue(new EventLog.Batch(kind, entries, quota), false);
  }

  /**
   * Takes entries through the queue and a flusher like {@link #append}, but never sends them to
   * Redis: the start-up warm-up's requests complete on a flusher thread, as real ones do.
   */
  public CompletionStage<RateLimiter.Decision> rehearse(EventLog.Kind kind, List<String> entries) {
    return enqueue(new EventLog.Batch(kind, entries, null), true);
  }

  private CompletionStage<RateLimiter.Decision> enqueue(EventLog.Batch batch, boolean rehearsal) {
    CompletableFuture<RateLimiter.Decision> done = new CompletableFuture<>();
    Append append = new Append(batch, done, rehearsal);
    if (!running || !queue.offer(append)) {
      done.completeExceptionally(new Overloaded());
    } else if (!running && queue.remove(append)) {
      // stop() began after our check and may have missed this one: it was never flushed.
      done.completeExceptionally(new Overloaded());
    }
    return done;
  }

  private void flushLoop() {
    try {
      flushUntilStopped();
    } finally {
      flushersDone.countDown();
    }
  }

  private void flushUntilStopped() {
    List<Append> taken = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Append first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        int events = first.size();
        Append next;
        while (events < config.appendMaxEvents() && (next = queue.poll()) != null) {
          taken.add(next);
          events += next.size();
        }
        flush(taken, events);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        taken.clear();
      }
    }
  }

  private void flush(List<Append> taken, int count) {
    for (Append a : taken) {
      if (a.rehearsal()) {
        a.done().complete(REHEARSED); // the warm-up's entries go no further
      }
    }
    taken.removeIf(Append::rehearsal);
    if (taken.isEmpty()) {
      return;
    }
    List<EventLog.Batch> batches = new ArrayList<>(taken.size());
    taken.forEach(a -> batches.add(a.batch()));
    try {
      List<RateLimiter.Decision> decisions = stream.append(batches);
      for (int i = 0; i < taken.size(); i++) {
        taken.get(i).done().complete(decisions.get(i));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Appending {0} events to the stream failed: {1}", count, e.toString());
      taken.forEach(a -> a.done().completeExceptionally(e));
    }
  }

  /**
   * Stops taking requests and lets the flushers append what is queued. Whatever is still queued
   * after that (Redis hanging) is taken out and answered 503 — never appended after its answer.
   */
  @PreDestroy
  void stop() {
    running = false;
    try {
      flushersDone.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Append left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new Overloaded());
    }
  }

  /** The append queue is full or closed: the caller answers 503 with Retry-After. */
  public static final class Overloaded extends RuntimeException {
    public Overloaded() {
      super("ingestion queue is full", null, false, false);
    }
  }
}

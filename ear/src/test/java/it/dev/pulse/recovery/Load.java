package it.dev.pulse.recovery;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Events;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load sends batches of events with client-chosen ids from a few threads and remembers exactly
 * which ids got a 202 — the ones Pulse promised to keep.
 */
final class Load implements AutoCloseable {

  private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  Load(int threadCount, int batchSize, int maxBatchesPerThread) {
    for (int t = 0; t < threadCount; t++) {
      Thread thread = new Thread(() -> send(batchSize, maxBatchesPerThread), "load-" + t);
      threads.add(thread);
      thread.start();
    }
  }

  private void send(int batchSize, int maxBatches) {
    for (int b = 0; b < maxBatches && running.get(); b++) {
      List<UUID> ids = new ArrayList<>(batchSize);
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < batchSize; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        body.append(i == 0 ? "" : ",").append(Events.json(id, "load", "crash-test"));
      }
      try {
        HttpResponse<String> response =
            Api.postJson("/api/v1/events/batch", body.append(']').toString());
        if (response.statusCode() == 202) {
          acknowledged.addAll(ids);
        } else {
          refused.incrementAndGet();
        }
      } catch (RuntimeException connectionLost) {
        refused.incrementAndGet(); // no answer is not a promise
      }
    }
  }

  Set<UUID> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  int refused() {
    return refused.get();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(60_000);
    }
  }
}

package dev.berth.registry.client;

import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pull's or push's blob transfers, at most {@code parallel} at a time, and waits for all.
 * The first failure cancels the rest, waits until none is running (so nothing writes into the
 * store afterwards) and is rethrown.
 */
final class Transfers {
  private Transfers() {}

  static void runAll(List<Runnable> tasks, int parallel) {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel),
        Thread.ofVirtual().name("berth-transfer-", 0).factory());
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted while transferring blobs", e);
    } finally {
      pool.shutdownNow();
      try {
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
          // a transfer stuck in I/O: keep waiting, it must not outlive the pull
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return BerthException.system(String.valueOf(t.getMessage()), t);
  }
}

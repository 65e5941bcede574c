package dev.berth.network;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The network service's background workers: one daemon thread each, drained at close. */
final class Background {
  private Background() {}

  static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(
        r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
  }

  /** Lets queued work finish (up to {@code seconds}), then stops the worker. */
  static void drain(ExecutorService worker, int seconds) {
    worker.shutdown();
    try {
      worker.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

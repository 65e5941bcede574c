package dev.berth.engine;

import java.util.concurrent.CompletableFuture;

/**
 * What waiters of one container wait on: its next start, its next exit (with the exit code) and
 * its removal. A start replaces the exit future, so {@code wait?condition=next-exit} after a
 * restart waits for the new run.
 */
final class Lifecycle {
  private CompletableFuture<Void> started = new CompletableFuture<>();
  private CompletableFuture<Integer> exited = new CompletableFuture<>();
  private final CompletableFuture<Void> removed = new CompletableFuture<>();

  synchronized CompletableFuture<Void> started() {
    return started;
  }

  synchronized CompletableFuture<Integer> exited() {
    return exited;
  }

  CompletableFuture<Void> removed() {
    return removed;
  }

  /** A run begins: new exit future, the start future completes. */
  synchronized void onStart() {
    if (exited.isDone()) {
      exited = new CompletableFuture<>();
    }
    started.complete(null);
  }

  synchronized void onExit(int code) {
    exited.complete(code);
    started = new CompletableFuture<>();
  }

  synchronized void onRemove(int lastCode) {
    exited.complete(lastCode);
    removed.complete(null);
  }
}

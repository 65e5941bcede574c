package dev.berth.network;

import dev.berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A few network namespaces made ahead of need, so a container's start does not wait for one:
 * making a namespace takes an unshare(1) run, while taking a spare is a mount move. Spares
 * are {@code .spare-N} files beside the sandboxes (a daemon that dies leaves them to the next
 * one's reconcile, which removes every file no running container owns).
 */
final class SandboxPool implements AutoCloseable {
  private static final long MS_MOVE = 8192;
  private static final int SPARES = 2;
  private final Path dir;
  private final Deque<Path> spares = new ArrayDeque<>();
  private final AtomicLong counter = new AtomicLong();
  private final ExecutorService maker = Background.worker("berth-netns-spares");
  private boolean closed;

  SandboxPool(Path dir) {
    this.dir = dir;
  }

  /** A namespace with loopback up at {@code file}: a spare moved there, or a new one. */
  Path take(Path file) {
    Path spare;
    synchronized (this) {
      spare = spares.poll();
    }
    refill();
    if (spare != null) {
      try {
        Files.deleteIfExists(file);
        Files.createFile(file);
        Mounts.mount(spare.toString(), file, null, MS_MOVE, null);
        Files.deleteIfExists(spare);
        return file;
      } catch (IOException | RuntimeException e) {
        Sandbox.remove(spare);
        Sandbox.remove(file);
      }
    }
    Sandbox.create(file);
    return file;
  }

  private void refill() {
    maker.execute(() -> {
      while (true) {
        synchronized (this) {
          if (closed || spares.size() >= SPARES) {
            return;
          }
        }
        Path spare = dir.resolve(".spare-" + counter.incrementAndGet());
        try {
          Sandbox.create(spare);
        } catch (RuntimeException e) {
          return; // the next take makes its own
        }
        synchronized (this) {
          if (closed) {
            Sandbox.remove(spare);
            return;
          }
          spares.add(spare);
        }
      }
    });
  }

  /** Removes the spares; sandboxes taken stay with their containers. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    Background.drain(maker, 10);
    synchronized (this) {
      spares.forEach(Sandbox::remove);
      spares.clear();
    }
  }
}

package dev.berth.network;

import dev.berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Namespaces already on the default bridge — veth, address, route — made ahead of need once the
 * default bridge is in use, for containers that ask nothing of it but a place (no published
 * port, no fixed address; Docker's default bridge has no names to serve). A start takes one by
 * a mount move and a record rewrite instead of waiting for the bridge plugin. A warm endpoint's
 * record names no container, so a daemon that dies leaves it to the next start's reconcile,
 * which takes down every endpoint of a container not running.
 */
final class WarmEndpoints implements AutoCloseable {
  private static final long MS_MOVE = 8192;
  private static final int SPARES = 2;
  private final NetworkService service;
  private final Path dir;
  private final Deque<Warm> ready = new ArrayDeque<>();
  private final AtomicLong counter = new AtomicLong();
  private final ExecutorService maker = Background.worker("berth-warm-endpoints");
  private boolean closed;

  private record Warm(Path netns, Endpoint endpoint) {}

  /** What a start gets: its namespace, on the network already. */
  record Taken(Path netns, Endpoint endpoint) {}

  WarmEndpoints(NetworkService service, Path dir) {
    this.service = service;
    this.dir = dir;
  }

  /**
   * A warm endpoint on {@code n} moved to {@code file} and recorded as {@code containerId}'s,
   * or null when none is ready (the caller sets one up itself); asks for more either way.
   */
  Taken take(Network n, String containerId, Path file) {
    Warm w;
    synchronized (this) {
      w = ready.poll();
    }
    refill(n);
    if (w == null) {
      return null;
    }
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
      Mounts.mount(w.netns().toString(), file, null, MS_MOVE, null);
      Files.deleteIfExists(w.netns());
    } catch (IOException | RuntimeException e) {
      discard(w);
      return null;
    }
    Endpoint e = w.endpoint();
    Endpoint mine = new Endpoint(e.id(), containerId, e.networkId(), file.toString(),
        e.ifname(), e.ipv4Address(), e.prefixLength(), e.gateway(), e.macAddress(), e.ports(),
        e.plugins(), e.result(), List.of());
    service.record(mine);
    return new Taken(file, mine);
  }

  private void refill(Network n) {
    maker.execute(() -> {
      while (true) {
        synchronized (this) {
          if (closed || ready.size() >= SPARES) {
            return;
          }
        }
        Path netns = dir.resolve(".warm-" + counter.incrementAndGet());
        Warm w;
        try {
          Sandbox.create(netns);
          w = new Warm(netns, service.attach("", "", netns, n,
              new EndpointRequest("eth0", null, List.of()), List.of()));
        } catch (RuntimeException e) {
          Sandbox.remove(netns);
          return; // starts set up their own until the next take asks again
        }
        synchronized (this) {
          if (closed) {
            discard(w);
            return;
          }
          ready.add(w);
        }
      }
    });
  }

  /** Returns once the refills asked for so far are done (the maker runs them in order). */
  void settle() {
    try {
      maker.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void discard(Warm w) {
    try {
      service.detach(w.endpoint());
    } catch (RuntimeException e) {
      // the next start's reconcile releases it
    }
    Sandbox.remove(w.netns());
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    Background.drain(maker, 30);
    synchronized (this) {
      ready.forEach(this::discard);
      ready.clear();
    }
  }
}

package dev.berth.registry.client;

import java.util.function.LongConsumer;

/**
 * Passes byte counts on to a progress line only every 1% or 512 KiB, so a fast transfer does not
 * drown the client in messages.
 */
final class Throttle implements LongConsumer {
  private final long step;
  private final LongConsumer target;
  private long last = -1;

  Throttle(long total, LongConsumer target) {
    this.step = Math.max(512 * 1024, total / 100);
    this.target = target;
  }

  @Override
  public void accept(long current) {
    if (last < 0 || current - last >= step) {
      last = current;
      target.accept(current);
    }
  }
}

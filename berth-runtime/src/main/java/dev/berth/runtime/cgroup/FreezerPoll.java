package dev.berth.runtime.cgroup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The bounded wait for a freezer to report FROZEN: the kernel freezes tasks asynchronously, and a
 * task in an uninterruptible sleep can hold a v1 cgroup in FREEZING for a while.
 */
final class FreezerPoll {
  static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private FreezerPoll() {}

  /** Runs {@code nudge} then checks {@code done}, pausing a little longer each round, until done or the limit. */
  static boolean until(BooleanSupplier done, Runnable nudge) {
    long deadline = System.nanoTime() + LIMIT_NANOS;
    long pause = TimeUnit.MICROSECONDS.toNanos(100);
    while (true) {
      nudge.run();
      if (done.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}

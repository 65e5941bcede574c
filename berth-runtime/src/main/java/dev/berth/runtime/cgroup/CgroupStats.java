package dev.berth.runtime.cgroup;

/**
 * A cgroup's counters at one moment. A value the host does not report is {@link #UNKNOWN}; a limit
 * that is not set is {@link #UNLIMITED}.
 */
public record CgroupStats(Memory memory, Cpu cpu, Pids pids, Io io) {

  public static final long UNKNOWN = -1;
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Bytes; {@code cache} is the page cache (v1 {@code total_cache}, v2 {@code file}). */
  public record Memory(long usage, long limit, long maxUsage, long cache, long oomKills) {}

  /** Nanoseconds of CPU time used, in total and split between user and kernel mode. */
  public record Cpu(long totalNanos, long userNanos, long systemNanos) {}

  public record Pids(long current, long limit) {}

  /** Bytes read from and written to block devices, summed over devices. */
  public record Io(long readBytes, long writeBytes) {}
}

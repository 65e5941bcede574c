package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.CgroupStats.UNKNOWN;
import static dev.berth.runtime.cgroup.CgroupStats.UNLIMITED;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parsers for the text of cgroup statistics files. Nothing here touches the disk. */
final class StatParse {
  /**
   * v1 prints "unlimited" as the largest page-aligned counter (9223372036854771712 on 4 KiB
   * pages); anything this large is no limit.
   */
  private static final long V1_UNLIMITED_FROM = 0x7FFF_FFFF_FFFF_0000L;

  private StatParse() {}

  /** A single number; "max" and v1's huge sentinel → UNLIMITED; empty or garbage → UNKNOWN. */
  static long number(String text) {
    String t = text.strip();
    if (t.equals("max")) {
      return UNLIMITED;
    }
    try {
      long v = Long.parseLong(t);
      return v >= V1_UNLIMITED_FROM ? UNLIMITED : v;
    } catch (NumberFormatException e) {
      return UNKNOWN;
    }
  }

  /** "key value" lines (memory.stat, cpu.stat, memory.events, oom_control, cpuacct.stat). */
  static Map<String, Long> keyValues(String text) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2) {
        try {
          values.put(f[0], Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
          // not a counter line
        }
      }
    }
    return values;
  }

  static long value(Map<String, Long> values, String key) {
    return values.getOrDefault(key, UNKNOWN);
  }

  /** v1 blkio.throttle.io_service_bytes: "8:0 Read 4096" … "Total N"; sums Read and Write over devices. */
  static CgroupStats.Io blkioServiceBytes(String text) {
    long read = 0;
    long write = 0;
    boolean any = false;
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 3 && f[0].contains(":")) {
        long v = Long.parseLong(f[2]);
        if (f[1].equals("Read")) {
          read += v;
          any = true;
        } else if (f[1].equals("Write")) {
          write += v;
          any = true;
        }
      }
    }
    return any ? new CgroupStats.Io(read, write) : new CgroupStats.Io(text.isBlank() ? UNKNOWN : 0, text.isBlank() ? UNKNOWN : 0);
  }

  /** v2 io.stat: "8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0" per device; sums rbytes and wbytes. */
  static CgroupStats.Io ioStat(String text) {
    long read = 0;
    long write = 0;
    for (String line : text.split("\n")) {
      for (String field : line.strip().split("\\s+")) {
        if (field.startsWith("rbytes=")) {
          read += Long.parseLong(field.substring(7));
        } else if (field.startsWith("wbytes=")) {
          write += Long.parseLong(field.substring(7));
        }
      }
    }
    return new CgroupStats.Io(read, write);
  }
}

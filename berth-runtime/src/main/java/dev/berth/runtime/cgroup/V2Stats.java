package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.CgroupStats.UNKNOWN;
import static dev.berth.runtime.cgroup.StatParse.keyValues;
import static dev.berth.runtime.cgroup.StatParse.number;
import static dev.berth.runtime.cgroup.StatParse.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a v2 cgroup's counters; files of controllers not enabled are absent and leave UNKNOWN. */
final class V2Stats {
  private V2Stats() {}

  static CgroupStats read(Path dir) {
    Map<String, Long> memoryStat = keyValues(text(dir, "memory.stat"));
    var memory = new CgroupStats.Memory(
        number(text(dir, "memory.current")),
        number(text(dir, "memory.max")),
        number(text(dir, "memory.peak")), // since Linux 5.19
        value(memoryStat, "file"),
        value(keyValues(text(dir, "memory.events")), "oom_kill"));
    Map<String, Long> cpuStat = keyValues(text(dir, "cpu.stat"));
    var cpu = new CgroupStats.Cpu(micros(cpuStat, "usage_usec"), micros(cpuStat, "user_usec"), micros(cpuStat, "system_usec"));
    var pids = new CgroupStats.Pids(number(text(dir, "pids.current")), number(text(dir, "pids.max")));
    String ioStat = text(dir, "io.stat");
    // An empty io.stat is a cgroup that has done no I/O yet, if the io controller is on.
    var io = ioStat.isEmpty() && !Files.exists(dir.resolve("io.stat"))
        ? new CgroupStats.Io(UNKNOWN, UNKNOWN)
        : StatParse.ioStat(ioStat);
    return new CgroupStats(memory, cpu, pids, io);
  }

  private static long micros(Map<String, Long> stat, String key) {
    return stat.containsKey(key) ? stat.get(key) * 1000 : UNKNOWN;
  }

  private static String text(Path dir, String name) {
    return CgroupFs.readOrEmpty(dir.resolve(name));
  }
}

package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.CreateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Memory, cpu, pids and blkio limits as the container sees them; OOM kills; stats. */
class CgroupLimitsTest extends ContainerTest {

  @Test
  void limitsAreVisibleInsideTheContainer() throws Exception {
    TestBundle b = bundle().script(
        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory/memory.soft_limit_in_bytes"
            + " /sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us"
            + " /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/cpuset/cpuset.cpus")
        .edit(c -> {
          ObjectNode r = c.with("linux").with("resources");
          r.putObject("memory").put("limit", 64L << 20).put("reservation", 32L << 20);
          r.putObject("cpu").put("shares", 512).put("quota", 50000).put("period", 100000).put("cpus", "0");
          r.putObject("pids").put("limit", 42);
        });
    var out = run(b);
    assertThat(out.stderr()).isEmpty();
    assertThat(out.stdout()).isEqualTo("67108864\n33554432\n512\n50000\n100000\n42\n0\n");
  }

  @Test
  void aMemoryHogUnder32MiBIsOomKilledAndRecorded() throws Exception {
    TestBundle b = bundle().script("x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done")
        .edit(c -> c.with("linux").with("resources").putObject("memory").put("limit", 32L << 20).put("swap", 32L << 20));
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    assertThat(runtime.waitFor(id)).isEqualTo(137);
    assertThat(runtime.state(id).oomKilled()).isTrue();
    runtime.delete(id, false);
  }

  @Test
  void aForkBombStopsAtThePidsLimit() throws Exception {
    // the inner shell forks until the kernel refuses, then dies of it; its children stay
    TestBundle b = bundle().script(
        "sh -c 'while true; do sleep 1000 & done'; read n < /sys/fs/cgroup/pids/pids.current;"
            + " read e < /sys/fs/cgroup/pids/pids.events; echo current=$n; echo $e")
        .edit(c -> c.with("linux").with("resources").putObject("pids").put("limit", 10));
    var r = run(b);
    assertThat(r.stderr()).contains("can't fork");
    int current = Integer.parseInt(r.stdout().lines().findFirst().orElseThrow().substring("current=".length()));
    assertThat(current).isBetween(2, 10);
    assertThat(r.stdout()).containsPattern("max [1-9]");
  }

  @Test
  void statsOfARunningContainer() throws Exception {
    TestBundle b = bundle("sleep", "1000")
        .edit(c -> c.with("linux").with("resources").putObject("memory").put("limit", 64L << 20));
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    runtime.start(id);
    try {
      var s = runtime.stats(id);
      assertThat(s.memory().usage()).isPositive();
      assertThat(s.memory().limit()).isEqualTo(64L << 20);
      assertThat(s.pids().current()).isEqualTo(1);
      assertThat(s.cpu().totalNanos()).isPositive();
      assertThat(runtime.ps(id)).containsExactly(runtime.state(id).record().pid());
    } finally {
      runtime.delete(id, true);
    }
  }

  @Test
  void blkioWeightWhenTheKernelHasIt() throws Exception {
    boolean has = Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
        || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"));
    org.junit.jupiter.api.Assumptions.assumeTrue(has, "no blkio weight file on this kernel");
    TestBundle b = bundle().script("cat /sys/fs/cgroup/blkio/blkio.weight /sys/fs/cgroup/blkio/blkio.bfq.weight 2>/dev/null | head -1")
        .edit(c -> c.with("linux").with("resources").putObject("blockIO").put("weight", 300));
    assertThat(run(b).stdout()).contains("300");
  }

  @Test
  void blkioThrottleIsWritten() throws Exception {
    // a block device this machine really has (throttles name devices by major:minor)
    String dev;
    try (var s = Files.list(Path.of("/sys/dev/block"))) {
      dev = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(dev != null, "no block device");
    String[] mm = dev.split(":");
    TestBundle b = bundle().script("cat /sys/fs/cgroup/blkio/blkio.throttle.read_bps_device /sys/fs/cgroup/blkio/blkio.throttle.write_iops_device")
        .edit(c -> {
          ObjectNode io = c.with("linux").with("resources").putObject("blockIO");
          io.putArray("throttleReadBpsDevice").addObject()
              .put("major", Long.parseLong(mm[0])).put("minor", Long.parseLong(mm[1])).put("rate", 1048576);
          io.putArray("throttleWriteIOPSDevice").addObject()
              .put("major", Long.parseLong(mm[0])).put("minor", Long.parseLong(mm[1])).put("rate", 100);
        });
    assertThat(run(b).stdout()).isEqualTo(dev + " 1048576\n" + dev + " 100\n");
  }
}

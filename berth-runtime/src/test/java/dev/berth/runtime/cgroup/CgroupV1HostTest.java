package dev.berth.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.Cpu;
import dev.berth.oci.runtime.LinuxResources.Memory;
import dev.berth.oci.runtime.LinuxResources.Pids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On this host's real v1 hierarchies, as root: everything goes under a unique parent below the
 * JVM's own cgroup, and @AfterEach removes it (and every ancestor this test made) even on failure.
 */
class CgroupV1HostTest {
  private static final long MIB = 1024 * 1024;

  CgroupDriver driver;
  String parent;
  Set<Path> hierarchies;
  final List<Path> madeAncestors = new ArrayList<>();
  final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void setUp() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/memory")) && "root".equals(System.getProperty("user.name")));
    driver = CgroupDriver.detect();
    Assumptions.assumeTrue(driver.version() == CgroupVersion.V1);
    parent = driver.defaultParent() + "/test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    hierarchies = new LinkedHashSet<>(HostCgroups.readSelf().v1().values());
    // Remember which ancestors of the test parent exist already: only the others are ours to remove.
    for (Path h : hierarchies) {
      Path dir = h;
      for (String part : parent.split("/")) {
        dir = dir.resolve(part);
        if (!Files.exists(dir)) {
          madeAncestors.add(dir);
        }
      }
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (hierarchies == null) {
      return; // skipped before anything was made
    }
    for (Process p : processes) {
      for (Path h : hierarchies) { // a frozen task cannot die
        Path state = h.resolve(parent).resolve("c1/freezer.state");
        if (Files.exists(state)) {
          Files.writeString(state, "THAWED");
        }
      }
      p.destroyForcibly().waitFor();
    }
    List<Path> dirs = new ArrayList<>();
    for (Path h : hierarchies) {
      dirs.addAll(CgroupDirs.tree(h.resolve(parent)));
    }
    dirs.sort((a, b) -> b.getNameCount() - a.getNameCount());
    for (Path d : dirs) {
      Files.deleteIfExists(d);
    }
    for (Path d : madeAncestors.reversed()) {
      try {
        Files.deleteIfExists(d);
      } catch (IOException e) {
        // another test may be using it; it was empty of ours
      }
    }
  }

  private Process sleepIn(Cgroup cg) throws IOException {
    Process p = new ProcessBuilder("sleep", "30").start();
    processes.add(p);
    for (Path dir : cg.procsDirs()) {
      Files.writeString(dir.resolve("cgroup.procs"), Long.toString(p.pid()));
    }
    return p;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }

  private Path dir(String controller, Cgroup cg) {
    return HostCgroups.readSelf().v1().get(controller).resolve(cg.path());
  }

  @Test
  void limitsFreezeStatsAndDestroyOnTheRealKernel() throws Exception {
    var r = new LinuxResources(
        null,
        new Memory(32 * MIB, null, null, null, null),
        new Cpu(512L, 50_000L, 100_000L, "0", "0", null, null),
        new Pids(10),
        null,
        null);
    Cgroup cg = driver.create("/" + parent + "/c1", "c1", r);

    assertThat(cg.path()).isEqualTo(parent + "/c1");
    assertThat(cg.procsDirs()).hasSize(hierarchies.size()).allMatch(Files::isDirectory);
    assertThat(read(dir("memory", cg).resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(32 * MIB));
    assertThat(read(dir("pids", cg).resolve("pids.max"))).isEqualTo("10");
    assertThat(read(dir("cpu", cg).resolve("cpu.cfs_quota_us"))).isEqualTo("50000");
    assertThat(read(dir("cpu", cg).resolve("cpu.shares"))).isEqualTo("512");
    assertThat(read(dir("cpuset", cg).resolve("cpuset.cpus"))).isEqualTo("0");

    Process sleep = sleepIn(cg);
    assertThat(cg.pids()).containsExactly((int) sleep.pid());
    assertThat(read(Path.of("/proc", Long.toString(sleep.pid()), "cgroup"))).contains("memory:/" + cg.path());

    cg.freeze();
    assertThat(cg.frozen()).isTrue();
    assertThat(read(dir("freezer", cg).resolve("freezer.state"))).isEqualTo("FROZEN");
    // Another process (berth runtime resume) finds it by path.
    Cgroup again = driver.open(cg.path());
    assertThat(again.frozen()).isTrue();
    again.thaw();
    assertThat(cg.frozen()).isFalse();

    CgroupStats s = cg.stats();
    assertThat(s.memory().limit()).isEqualTo(32 * MIB);
    assertThat(s.memory().usage()).isGreaterThanOrEqualTo(0);
    assertThat(s.memory().oomKills()).isZero();
    assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(1, 10));
    assertThat(s.cpu().totalNanos()).isGreaterThanOrEqualTo(0);
    assertThat(s.io().readBytes()).isGreaterThanOrEqualTo(0);

    assertThatThrownBy(() -> driver.create("/" + parent + "/c1", "c1", LinuxResources.none()))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThatThrownBy(cg::destroy)
        .hasMessageContaining(Long.toString(sleep.pid()))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.FAILED_PRECONDITION);

    sleep.destroyForcibly().waitFor();
    cg.destroy();
    for (Path d : cg.procsDirs()) {
      assertThat(d).doesNotExist();
    }
  }

  @Test
  void memoryAndSwapAreWrittenInAnOrderTheKernelAccepts() throws Exception {
    Path memsw = HostCgroups.readSelf().v1().get("memory").resolve("memory.memsw.limit_in_bytes");
    Assumptions.assumeTrue(Files.exists(memsw), "swap accounting is off");
    Cgroup cg = driver.create("/" + parent + "/c1", "c1", memory(32 * MIB, 64 * MIB));
    Path mem = dir("memory", cg);
    cg.update(memory(128 * MIB, 256 * MIB)); // both above the current memsw: memsw first
    assertThat(read(mem.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(128 * MIB));
    assertThat(read(mem.resolve("memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(256 * MIB));
    cg.update(memory(16 * MIB, 24 * MIB)); // both below the current limit: limit first
    assertThat(read(mem.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(16 * MIB));
    assertThat(read(mem.resolve("memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(24 * MIB));
    cg.update(memory(-1L, null)); // unlimited: memsw must go first
    assertThat(cg.stats().memory().limit()).isEqualTo(CgroupStats.UNLIMITED);
    cg.destroy();
  }

  @Test
  void aKernelRefusalRemovesEverythingTheCreateMade() {
    int cpus = Runtime.getRuntime().availableProcessors();
    var r = new LinuxResources(null, null, new Cpu(null, null, null, Integer.toString(cpus + 64), null, null, null), null, null, null);
    assertThatThrownBy(() -> driver.create("/" + parent + "/c1", "c1", r))
        .hasMessageContaining("cpuset.cpus")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.SYSTEM);
    for (Path h : hierarchies) {
      assertThat(h.resolve(parent)).doesNotExist();
    }
  }

  private static LinuxResources memory(Long limit, Long swap) {
    return new LinuxResources(null, new Memory(limit, null, swap, null, null), null, null, null, null);
  }
}

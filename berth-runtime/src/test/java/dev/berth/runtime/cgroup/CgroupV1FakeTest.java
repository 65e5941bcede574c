package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.FakeTrees.read;
import static dev.berth.runtime.cgroup.FakeTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.LinuxResources.BlockIO;
import dev.berth.oci.runtime.LinuxResources.Cpu;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import dev.berth.oci.runtime.LinuxResources.Memory;
import dev.berth.oci.runtime.LinuxResources.Pids;
import dev.berth.oci.runtime.LinuxResources.ThrottleDevice;
import dev.berth.oci.runtime.LinuxResources.WeightDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1FakeTest {
  private static final long MIB = 1024 * 1024;
  private static final String LEAF = "daemon.slice/berthd/berth/c1";

  @TempDir Path root;
  CgroupDriver driver;

  @BeforeEach
  void tree() {
    FakeTrees.v1(root);
    driver = CgroupDriver.v1At(root, "/daemon.slice/berthd");
  }

  private Path leaf(String controller, String file) {
    return root.resolve(controller).resolve(LEAF).resolve(file);
  }

  private static LinuxResources resources(Memory m, Cpu c, Pids p, BlockIO b, List<DeviceRule> d) {
    return new LinuxResources(d, m, c, p, b, null);
  }

  private static Memory memory(Long limit, Long swap) {
    return new Memory(limit, null, swap, null, null);
  }

  private void assertInvalid(LinuxResources r, String message) {
    List<String> before = FakeTrees.dirs(root);
    assertThatThrownBy(() -> driver.create(null, "c1", r))
        .isInstanceOf(BerthException.class)
        .hasMessage(message)
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThat(FakeTrees.dirs(root)).isEqualTo(before);
  }

  @Test
  void versionAndDefaultParent() {
    assertThat(driver.version()).isEqualTo(CgroupVersion.V1);
    assertThat(driver.defaultParent()).isEqualTo("daemon.slice/berthd/berth");
  }

  @Test
  void createWritesEveryMapping() {
    var r = resources(
        new Memory(64 * MIB, 32 * MIB, 128 * MIB, 10L, true),
        new Cpu(512L, 50_000L, 200_000L, "1-2", "0", null, null),
        new Pids(10),
        new BlockIO(300, null, List.of(new WeightDevice(8, 0, 700, null)),
            List.of(new ThrottleDevice(8, 0, MIB)), List.of(new ThrottleDevice(8, 0, 2 * MIB)),
            List.of(new ThrottleDevice(8, 16, 100)), List.of(new ThrottleDevice(8, 16, 200))),
        List.of(
            new DeviceRule(false, null, null, null, "rwm"),
            new DeviceRule(true, "c", 1L, 3L, "rwm"),
            new DeviceRule(true, "c", 136L, null, "rw"),
            new DeviceRule(false, "c", 5L, 1L, "w")));

    Cgroup cg = driver.create(null, "c1", r);

    assertThat(cg.path()).isEqualTo(LEAF);
    assertThat(read(leaf("memory", "memory.limit_in_bytes"))).isEqualTo(Long.toString(64 * MIB));
    assertThat(read(leaf("memory", "memory.soft_limit_in_bytes"))).isEqualTo(Long.toString(32 * MIB));
    assertThat(read(leaf("memory", "memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(128 * MIB));
    assertThat(read(leaf("memory", "memory.swappiness"))).isEqualTo("10");
    assertThat(read(leaf("memory", "memory.oom_control"))).isEqualTo("1");
    assertThat(read(leaf("cpu", "cpu.shares"))).isEqualTo("512");
    assertThat(read(leaf("cpu", "cpu.cfs_quota_us"))).isEqualTo("50000");
    assertThat(read(leaf("cpu", "cpu.cfs_period_us"))).isEqualTo("200000");
    assertThat(read(leaf("cpuset", "cpuset.cpus"))).isEqualTo("1-2");
    assertThat(read(leaf("cpuset", "cpuset.mems"))).isEqualTo("0");
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("10");
    assertThat(read(leaf("blkio", "blkio.weight"))).isEqualTo("300");
    assertThat(read(leaf("blkio", "blkio.weight_device"))).isEqualTo("8:0 700\n");
    assertThat(read(leaf("blkio", "blkio.throttle.read_bps_device"))).isEqualTo("8:0 1048576\n");
    assertThat(read(leaf("blkio", "blkio.throttle.write_bps_device"))).isEqualTo("8:0 2097152\n");
    assertThat(read(leaf("blkio", "blkio.throttle.read_iops_device"))).isEqualTo("8:16 100\n");
    assertThat(read(leaf("blkio", "blkio.throttle.write_iops_device"))).isEqualTo("8:16 200\n");
    // deny all first, then each rule in order to its file
    assertThat(read(leaf("devices", "devices.deny"))).isEqualTo("a\na *:* rwm\nc 5:1 w\n");
    assertThat(read(leaf("devices", "devices.allow"))).isEqualTo("c 1:3 rwm\nc 136:* rw\n");
    assertThat(cg.procsDirs()).containsExactly(
        root.resolve("memory/" + LEAF), root.resolve("cpu/" + LEAF), root.resolve("cpuacct/" + LEAF),
        root.resolve("cpuset/" + LEAF), root.resolve("devices/" + LEAF), root.resolve("freezer/" + LEAF),
        root.resolve("blkio/" + LEAF), root.resolve("pids/" + LEAF));
    assertThat(cg.oomCounter()).contains(leaf("memory", "memory.oom_control"));
  }

  @Test
  void writesNothingThatIsNotSet() {
    driver.create(null, "c1", LinuxResources.none());
    for (String[] f : new String[][] {
        {"memory", "memory.limit_in_bytes"}, {"memory", "memory.memsw.limit_in_bytes"}, {"cpu", "cpu.shares"},
        {"cpu", "cpu.cfs_quota_us"}, {"pids", "pids.max"}, {"blkio", "blkio.weight"}, {"devices", "devices.deny"}}) {
      assertThat(read(leaf(f[0], f[1]))).as(f[1]).isEmpty();
    }
  }

  @Test
  void newCpusetsInheritTheParentsCpusAndMemsAtEveryLevel() {
    driver.create(null, "c1", LinuxResources.none());
    for (String level : List.of("daemon.slice", "daemon.slice/berthd", "daemon.slice/berthd/berth", LEAF)) {
      assertThat(read(root.resolve("cpuset").resolve(level).resolve("cpuset.cpus"))).isEqualTo("0-3");
      assertThat(read(root.resolve("cpuset").resolve(level).resolve("cpuset.mems"))).isEqualTo("0");
    }
  }

  @Test
  void quotaWithoutPeriodLeavesThePeriodAlone() {
    driver.create(null, "c1", resources(null, new Cpu(null, 25_000L, null, null, null, null, null), null, null, List.of()));
    assertThat(read(leaf("cpu", "cpu.cfs_quota_us"))).isEqualTo("25000");
    assertThat(read(leaf("cpu", "cpu.cfs_period_us"))).isEmpty();
  }

  @Test
  void pidsLimitZeroOrNegativeIsUnlimited() {
    Cgroup cg = driver.create(null, "c1", resources(null, null, new Pids(0), null, List.of()));
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("max");
    cg.update(resources(null, null, new Pids(5), null, List.of()));
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("5");
    cg.update(resources(null, null, new Pids(-1), null, List.of()));
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("max");
  }

  @Test
  void unlimitedMemoryAlsoLiftsMemsw() {
    driver.create(null, "c1", resources(memory(-1L, null), null, null, null, List.of()));
    assertThat(read(leaf("memory", "memory.limit_in_bytes"))).isEqualTo("-1");
    assertThat(read(leaf("memory", "memory.memsw.limit_in_bytes"))).isEqualTo("-1");
  }

  @Test
  void swapIsSkippedWithoutSwapAccounting() {
    FakeTrees.delete(root.resolve("memory/memory.memsw.limit_in_bytes"));
    driver.create(null, "c1", resources(memory(64 * MIB, 128 * MIB), null, null, null, List.of()));
    assertThat(read(leaf("memory", "memory.limit_in_bytes"))).isEqualTo(Long.toString(64 * MIB));
    assertThat(leaf("memory", "memory.memsw.limit_in_bytes")).doesNotExist();
  }

  @Test
  void updateWritesOnlyWhatItSets() {
    Cgroup cg = driver.create(null, "c1", resources(memory(64 * MIB, null), null, new Pids(10), null, List.of()));
    cg.update(resources(null, new Cpu(2048L, null, null, null, null, null, null), null, null, List.of()));
    assertThat(read(leaf("cpu", "cpu.shares"))).isEqualTo("2048");
    assertThat(read(leaf("memory", "memory.limit_in_bytes"))).isEqualTo(Long.toString(64 * MIB));
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("10");
    assertThat(read(leaf("cpu", "cpu.cfs_quota_us"))).isEmpty();
  }

  @Test
  void bfqHostsGetTheWeightInBlkioBfqWeight() {
    FakeTrees.delete(root.resolve("blkio/blkio.weight"));
    FakeTrees.delete(root.resolve("blkio/blkio.weight_device"));
    write(root.resolve("blkio/blkio.bfq.weight"), "100");
    write(root.resolve("blkio/blkio.bfq.weight_device"), "");
    driver.create(null, "c1", resources(null, null, null,
        new BlockIO(250, null, List.of(new WeightDevice(8, 0, 400, null)), null, null, null, null), List.of()));
    assertThat(read(leaf("blkio", "blkio.bfq.weight"))).isEqualTo("250");
    assertThat(read(leaf("blkio", "blkio.bfq.weight_device"))).isEqualTo("8:0 400\n");
  }

  @Test
  void aWeightWithNoWeightFileFailsAndLeavesNothing() {
    FakeTrees.delete(root.resolve("blkio/blkio.weight"));
    assertInvalid(resources(null, null, null, new BlockIO(250, null, null, null, null, null, null), List.of()),
        "linux.resources.blockIO.weight: this kernel has no blkio.weight or blkio.bfq.weight"
            + " (no weight-based I/O scheduler), so a weight cannot be set");
  }

  @Test
  void memoryBelowDockersMinimumIsRefused() {
    assertInvalid(resources(memory(MIB, null), null, null, null, List.of()),
        "linux.resources.memory.limit: 1048576 is below the minimum of 6291456 bytes");
  }

  @Test
  void swapBelowTheLimitIsRefused() {
    assertInvalid(resources(memory(64 * MIB, 32 * MIB), null, null, null, List.of()),
        "linux.resources.memory.swap: 33554432 is below memory.limit 67108864 (swap counts memory plus swap)");
  }

  @Test
  void badCpusetSyntaxIsRefused() {
    assertInvalid(resources(null, new Cpu(null, null, null, "0-", null, null, null), null, null, List.of()),
        "linux.resources.cpu.cpus: \"0-\" is not a list such as 0-3,5");
    assertInvalid(resources(null, new Cpu(null, null, null, "3-1", null, null, null), null, null, List.of()),
        "linux.resources.cpu.cpus: \"3-1\" has a range that runs backwards: 3-1");
    assertInvalid(resources(null, new Cpu(null, null, null, null, "a", null, null), null, null, List.of()),
        "linux.resources.cpu.mems: \"a\" is not a list such as 0-3,5");
  }

  @Test
  void otherBadValuesAreRefusedByName() {
    assertInvalid(resources(null, new Cpu(null, 10L, null, null, null, null, null), null, null, List.of()),
        "linux.resources.cpu.quota: 10 is below the minimum of 1000 microseconds (-1 means unlimited)");
    assertInvalid(resources(null, null, null, null, List.of(new DeviceRule(true, "x", 1L, 3L, "rwm"))),
        "linux.resources.devices[0].type: \"x\" is not a, b or c");
    assertInvalid(new LinuxResources(null, null, null, null, null, Map.of("memory.high", "1")),
        "linux.resources.unified: needs cgroup v2, and this host runs cgroup v1");
  }

  @Test
  void aKernelRefusalUndoesTheCreate() {
    FakeTrees.delete(root.resolve("pids/pids.max"));
    List<String> before = FakeTrees.dirs(root);
    assertThatThrownBy(() -> driver.create(null, "c1", resources(memory(64 * MIB, null), null, new Pids(10), null, List.of())))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("pids.max")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.SYSTEM);
    assertThat(FakeTrees.dirs(root)).isEqualTo(before);
  }

  @Test
  void aFailedCreateKeepsParentsThatExistedBefore() {
    driver.create(null, "other", LinuxResources.none());
    FakeTrees.delete(root.resolve("pids/daemon.slice/berthd/berth/pids.max")); // so the new leaf lacks it
    List<String> before = FakeTrees.dirs(root);
    assertThatThrownBy(() -> driver.create(null, "c1", resources(null, null, new Pids(10), null, List.of())))
        .isInstanceOf(BerthException.class);
    assertThat(FakeTrees.dirs(root)).isEqualTo(before).contains("pids/daemon.slice/berthd/berth/other");
  }

  @Test
  void anExistingCgroupWithProcessesIsAlreadyExists() {
    driver.create(null, "c1", LinuxResources.none());
    write(leaf("memory", "cgroup.procs"), "42\n");
    assertThatThrownBy(() -> driver.create(null, "c1", LinuxResources.none()))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("[42]")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(leaf("memory", "")).isDirectory();
  }

  @Test
  void anExistingEmptyCgroupIsReused() {
    driver.create(null, "c1", LinuxResources.none());
    Cgroup again = driver.create(null, "c1", resources(null, null, new Pids(3), null, List.of()));
    assertThat(again.path()).isEqualTo(LEAF);
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("3");
  }

  @Test
  void cgroupsPathAbsoluteIsFromTheRootsRelativeIsFromOwnCgroup() {
    assertThat(driver.create("/custom//c1/", "ignored", LinuxResources.none()).path()).isEqualTo("custom/c1");
    assertThat(root.resolve("freezer/custom/c1")).isDirectory();
    assertThat(driver.create("mine/c2", "ignored", LinuxResources.none()).path()).isEqualTo("daemon.slice/berthd/mine/c2");
    assertThatThrownBy(() -> driver.create("/", "x", LinuxResources.none()))
        .hasMessageContaining("hierarchy root");
    assertThatThrownBy(() -> driver.create("/a/../b", "x", LinuxResources.none()))
        .hasMessageContaining("linux.cgroupsPath");
    assertThatThrownBy(() -> driver.create(null, "../x", LinuxResources.none()))
        .hasMessageContaining("id");
  }

  @Test
  void jointCpuCpuacctMountIsOneHierarchy() {
    Path joint = root.resolve("joint");
    FakeTrees.v1(joint, true);
    CgroupDriver d = CgroupDriver.v1At(joint, "/");
    Cgroup cg = d.create(null, "c1", resources(null, new Cpu(256L, null, null, null, null, null, null), null, null, List.of()));
    assertThat(cg.procsDirs()).hasSize(7).contains(joint.resolve("cpu,cpuacct/berth/c1"));
    assertThat(read(joint.resolve("cpu,cpuacct/berth/c1/cpu.shares"))).isEqualTo("256");
    write(joint.resolve("cpu,cpuacct/berth/c1/cpuacct.usage"), "777");
    assertThat(cg.stats().cpu().totalNanos()).isEqualTo(777);
  }

  @Test
  void freezeAndThawWriteFreezerState() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    assertThat(cg.frozen()).isFalse();
    cg.freeze();
    assertThat(read(leaf("freezer", "freezer.state"))).isEqualTo("FROZEN");
    assertThat(cg.frozen()).isTrue();
    cg.thaw();
    assertThat(read(leaf("freezer", "freezer.state"))).isEqualTo("THAWED");
    assertThat(cg.frozen()).isFalse();
  }

  @Test
  void statsAreParsedFromTheV1Files() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    write(leaf("memory", "memory.usage_in_bytes"), "10485760\n");
    write(leaf("memory", "memory.limit_in_bytes"), FakeTrees.UNLIMITED_V1 + "\n");
    write(leaf("memory", "memory.max_usage_in_bytes"), "20971520\n");
    write(leaf("memory", "memory.stat"), "cache 4096\nrss 8192\ntotal_cache 12288\ntotal_rss 8192\n");
    write(leaf("memory", "memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    write(leaf("cpuacct", "cpuacct.usage"), "123456789\n");
    write(leaf("cpuacct", "cpuacct.usage_user"), "100000000\n");
    write(leaf("cpuacct", "cpuacct.usage_sys"), "23456789\n");
    write(leaf("pids", "pids.current"), "4\n");
    write(leaf("pids", "pids.max"), "max\n");
    write(leaf("blkio", "blkio.throttle.io_service_bytes"),
        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Total 12288\n"
            + "8:16 Read 100\n8:16 Write 1\n8:16 Total 101\nTotal 12389\n");

    CgroupStats s = cg.stats();

    assertThat(s.memory()).isEqualTo(new CgroupStats.Memory(10485760, CgroupStats.UNLIMITED, 20971520, 12288, 3));
    assertThat(s.cpu()).isEqualTo(new CgroupStats.Cpu(123456789, 100000000, 23456789));
    assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(4, CgroupStats.UNLIMITED));
    assertThat(s.io()).isEqualTo(new CgroupStats.Io(4196, 8193));

    // Older kernels: only cpuacct.stat, in USER_HZ ticks.
    FakeTrees.delete(leaf("cpuacct", "cpuacct.usage_user"));
    write(leaf("cpuacct", "cpuacct.stat"), "user 12\nsystem 3\n");
    assertThat(cg.stats().cpu()).isEqualTo(new CgroupStats.Cpu(123456789, 120_000_000, 30_000_000));
  }

  @Test
  void destroyRefusesWhileProcessesRemainThenRemovesChildrenFirst() throws Exception {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    FakeTrees.dir(root.resolve("memory").resolve(LEAF).resolve("sub"), Map.of());
    write(leaf("memory", "cgroup.procs"), "8\n7\n");
    write(leaf("memory", "sub/cgroup.procs"), "9\n");
    assertThat(cg.pids()).containsExactly(7, 8, 9);
    assertThatThrownBy(cg::destroy)
        .isInstanceOf(BerthException.class)
        .hasMessage("cgroup " + LEAF + " still has processes [7, 8, 9]")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.FAILED_PRECONDITION);

    write(leaf("memory", "cgroup.procs"), "");
    write(leaf("memory", "sub/cgroup.procs"), "");
    cg.destroy();
    for (String c : V1Driver.CONTROLLERS) {
      assertThat(root.resolve(c).resolve(LEAF)).doesNotExist();
      assertThat(root.resolve(c).resolve("daemon.slice/berthd/berth")).isDirectory();
    }
    cg.destroy(); // gone already: fine
  }

  @Test
  void openFindsWhatCreateMade() {
    driver.create(null, "c1", LinuxResources.none());
    Cgroup cg = driver.open(LEAF);
    cg.update(resources(null, null, new Pids(7), null, List.of()));
    assertThat(read(leaf("pids", "pids.max"))).isEqualTo("7");
    assertThatThrownBy(() -> driver.open("daemon.slice/nope"))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> driver.open("../etc"))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }
}

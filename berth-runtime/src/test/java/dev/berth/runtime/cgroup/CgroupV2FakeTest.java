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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2FakeTest {
  private static final long MIB = 1024 * 1024;
  private static final String LEAF = "user.slice/daemon/berth/c1";

  @TempDir Path root;
  CgroupDriver driver;

  @BeforeEach
  void tree() {
    FakeTrees.v2(root);
    driver = CgroupDriver.v2At(root, "/user.slice/daemon");
  }

  private Path leaf(String file) {
    return root.resolve(LEAF).resolve(file);
  }

  private static LinuxResources memory(Long limit, Long reservation, Long swap) {
    return new LinuxResources(null, new Memory(limit, reservation, swap, null, null), null, null, null, null);
  }

  private static LinuxResources cpu(Long shares, Long quota, Long period) {
    return new LinuxResources(null, null, new Cpu(shares, quota, period, null, null, null, null), null, null, null);
  }

  private static LinuxResources blockIO(BlockIO b) {
    return new LinuxResources(null, null, null, null, b, null);
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
    assertThat(driver.version()).isEqualTo(CgroupVersion.V2);
    assertThat(driver.defaultParent()).isEqualTo("user.slice/daemon/berth");
  }

  @Test
  void createWritesEveryMapping() {
    var r = new LinuxResources(
        null,
        new Memory(64 * MIB, 32 * MIB, 96 * MIB, null, null),
        new Cpu(1024L, 50_000L, 200_000L, "0-1", "0", null, null),
        new Pids(20),
        new BlockIO(500, null, List.of(new WeightDevice(8, 0, 1000, null)),
            List.of(new ThrottleDevice(8, 0, MIB)), List.of(new ThrottleDevice(8, 0, 2 * MIB)),
            List.of(new ThrottleDevice(8, 16, 100)), List.of()),
        Map.of("memory.high", "50331648"));

    Cgroup cg = driver.create(null, "c1", r);

    assertThat(cg.path()).isEqualTo(LEAF);
    assertThat(cg.procsDirs()).containsExactly(root.resolve(LEAF));
    assertThat(cg.oomCounter()).contains(leaf("memory.events"));
    assertThat(read(leaf("memory.max"))).isEqualTo(Long.toString(64 * MIB));
    assertThat(read(leaf("memory.low"))).isEqualTo(Long.toString(32 * MIB));
    assertThat(read(leaf("memory.swap.max"))).isEqualTo(Long.toString(32 * MIB)); // swap − limit
    assertThat(read(leaf("memory.high"))).isEqualTo("50331648");
    assertThat(read(leaf("cpu.weight"))).isEqualTo("100");
    assertThat(read(leaf("cpu.max"))).isEqualTo("50000 200000");
    assertThat(read(leaf("cpuset.cpus"))).isEqualTo("0-1");
    assertThat(read(leaf("cpuset.mems"))).isEqualTo("0");
    assertThat(read(leaf("pids.max"))).isEqualTo("20");
    assertThat(read(leaf("io.weight"))).isEqualTo("4950\n8:0 10000\n"); // 1 + (500 − 10)·9999/990
    assertThat(read(leaf("io.max"))).isEqualTo("8:0 rbps=1048576 wbps=2097152\n8:16 riops=100\n");
  }

  @Test
  void controllersAreDelegatedDownToTheLeafsParent() {
    driver.create(null, "c1", LinuxResources.none());
    for (String level : List.of("", "user.slice", "user.slice/daemon", "user.slice/daemon/berth")) {
      assertThat(read(root.resolve(level).resolve("cgroup.subtree_control"))).as(level).isEqualTo("memory pids cpu io cpuset");
    }
    assertThat(read(leaf("cgroup.controllers"))).isEqualTo("memory pids cpu io cpuset");
    assertThat(read(leaf("cgroup.subtree_control"))).isEmpty();
  }

  @Test
  void onlyControllersTheParentOffersAreAskedFor() {
    write(root.resolve("cgroup.controllers"), "cpu memory pids");
    write(root.resolve("cgroup.subtree_control"), "memory");
    driver.create(null, "c1", LinuxResources.none());
    assertThat(read(root.resolve("cgroup.subtree_control"))).isEqualTo("memory pids cpu");
    assertThat(read(leaf("cgroup.controllers"))).isEqualTo("memory pids cpu");
  }

  @Test
  void writesNothingThatIsNotSet() {
    driver.create(null, "c1", LinuxResources.none());
    for (String f : List.of("memory.max", "memory.swap.max", "cpu.weight", "cpu.max", "pids.max", "io.max", "cpuset.cpus")) {
      assertThat(read(leaf(f))).as(f).isEmpty();
    }
  }

  @Test
  void sharesBecomeWeightsOnCrunsCurve() {
    assertThat(Weights.cpuWeight(2)).isEqualTo(1);
    assertThat(Weights.cpuWeight(1024)).isEqualTo(100);
    assertThat(Weights.cpuWeight(262144)).isEqualTo(10000);
    assertThat(Weights.cpuWeight(1)).isEqualTo(1);
    assertThat(Weights.cpuWeight(1_000_000)).isEqualTo(10000);
    assertThat(Weights.cpuWeight(0)).isEqualTo(0);
    assertThat(Weights.cpuWeight(512)).isEqualTo(59);
    assertThat(Weights.cpuWeight(2048)).isEqualTo(174);
    Cgroup cg = driver.create(null, "c1", cpu(2L, null, null));
    assertThat(read(leaf("cpu.weight"))).isEqualTo("1");
    cg.update(cpu(262144L, null, null));
    assertThat(read(leaf("cpu.weight"))).isEqualTo("10000");
  }

  @Test
  void cpuMaxKeepsTheHalfNotGiven() {
    Cgroup cg = driver.create(null, "c1", cpu(null, 25_000L, null));
    assertThat(read(leaf("cpu.max"))).isEqualTo("25000 100000");
    cg.update(cpu(null, null, 250_000L));
    assertThat(read(leaf("cpu.max"))).isEqualTo("25000 250000");
    cg.update(cpu(null, -1L, null));
    assertThat(read(leaf("cpu.max"))).isEqualTo("max 250000");
  }

  @Test
  void swapMapping() {
    Cgroup cg = driver.create(null, "c1", memory(-1L, null, null));
    assertThat(read(leaf("memory.max"))).isEqualTo("max");
    assertThat(read(leaf("memory.swap.max"))).isEqualTo("max");
    cg.update(memory(64 * MIB, null, -1L));
    assertThat(read(leaf("memory.swap.max"))).isEqualTo("max");
    cg.update(memory(null, null, 80 * MIB)); // the current limit (64 MiB) is used
    assertThat(read(leaf("memory.swap.max"))).isEqualTo(Long.toString(16 * MIB));
  }

  @Test
  void swapWithoutAMemoryLimitIsRefused() {
    assertInvalid(memory(null, null, 64 * MIB),
        "linux.resources.memory.swap: 67108864 needs a memory limit (memory.limit), and there is none");
  }

  @Test
  void memoryBelowTheMinimumIsRefused() {
    assertInvalid(memory(MIB, null, null), "linux.resources.memory.limit: 1048576 is below the minimum of 6291456 bytes");
  }

  @Test
  void bfqTakesTheWeightAsIs() {
    FakeTrees.delete(root.resolve("io.weight"));
    write(root.resolve("io.bfq.weight"), "default 100");
    driver.create(null, "c1", blockIO(new BlockIO(500, null, List.of(new WeightDevice(8, 0, 20, null)), null, null, null, null)));
    assertThat(read(leaf("io.bfq.weight"))).isEqualTo("500\n8:0 20\n");
  }

  @Test
  void aWeightWithoutAWeightFileFailsAndLeavesNothing() {
    FakeTrees.delete(root.resolve("io.weight"));
    assertInvalid(blockIO(new BlockIO(500, null, null, null, null, null, null)),
        "linux.resources.blockIO.weight: this cgroup has no io.bfq.weight or io.weight"
            + " (no weight-based I/O scheduler, or the io controller is off)");
  }

  @Test
  void unifiedKeysMustBePlainFileNames() {
    assertInvalid(new LinuxResources(null, null, null, null, null, Map.of("../cgroup.procs", "1")),
        "linux.resources.unified: \"../cgroup.procs\" is not a cgroup file name");
    assertInvalid(new LinuxResources(null, null, null, null, null, Map.of("sub/memory.max", "1")),
        "linux.resources.unified: \"sub/memory.max\" is not a cgroup file name");
    assertInvalid(new LinuxResources(null, null, null, null, null, Map.of("hugetlb.2MB.max", "1")),
        "linux.resources.unified: \"hugetlb.2MB.max\" is not a file of cgroup " + root.resolve(LEAF)
            + " (is its controller enabled?)");
  }

  @Test
  void realtimeIsRefusedOnV2() {
    assertInvalid(new LinuxResources(null, null, new Cpu(null, null, null, null, null, 950_000L, 1_000_000L), null, null, null),
        "linux.resources.cpu.realtimeRuntime: realtime scheduling limits are not supported on cgroup v2");
  }

  @Test
  void deviceRulesWriteNoFileOnV2() {
    var rules = List.of(new DeviceRule(false, null, null, null, "rwm"), new DeviceRule(true, "c", 1L, 3L, "rwm"));
    Cgroup cg = driver.create(null, "c1", new LinuxResources(rules, null, null, null, null, null));
    assertThat(cg.path()).isEqualTo(LEAF);
    assertThat(leaf("devices.allow")).doesNotExist();
  }

  @Test
  void freezeWaitsForCgroupEventsThenThaws() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    write(leaf("cgroup.events"), "populated 1\nfrozen 1\n"); // what the kernel shows once frozen
    cg.freeze();
    assertThat(read(leaf("cgroup.freeze"))).isEqualTo("1");
    assertThat(cg.frozen()).isTrue();
    cg.thaw();
    assertThat(read(leaf("cgroup.freeze"))).isEqualTo("0");
  }

  @Test
  void aFreezeThatNeverCompletesIsUndone() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    write(leaf("cgroup.events"), "populated 1\nfrozen 0\n");
    assertThatThrownBy(cg::freeze)
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("never said frozen 1")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.SYSTEM);
    assertThat(read(leaf("cgroup.freeze"))).isEqualTo("0");
  }

  @Test
  void statsAreParsedFromTheV2Files() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    write(leaf("memory.current"), "10485760\n");
    write(leaf("memory.max"), "max\n");
    write(leaf("memory.peak"), "20971520\n");
    write(leaf("memory.stat"), "anon 8192\nfile 12288\nkernel 4096\n");
    write(leaf("memory.events"), "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\noom_group_kill 0\n");
    write(leaf("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\n");
    write(leaf("pids.current"), "3\n");
    write(leaf("pids.max"), "10\n");
    write(leaf("io.stat"), "8:0 rbytes=4096 wbytes=1024 rios=1 wios=1 dbytes=0 dios=0\n"
        + "8:16 rbytes=10 wbytes=20 rios=1 wios=1 dbytes=0 dios=0\n");

    CgroupStats s = cg.stats();

    assertThat(s.memory()).isEqualTo(new CgroupStats.Memory(10485760, CgroupStats.UNLIMITED, 20971520, 12288, 2));
    assertThat(s.cpu()).isEqualTo(new CgroupStats.Cpu(1_500_000, 1_000_000, 500_000));
    assertThat(s.pids()).isEqualTo(new CgroupStats.Pids(3, 10));
    assertThat(s.io()).isEqualTo(new CgroupStats.Io(4106, 1044));

    FakeTrees.delete(leaf("memory.peak")); // before Linux 5.19
    FakeTrees.delete(leaf("io.stat")); // io controller off
    assertThat(cg.stats().memory().maxUsage()).isEqualTo(CgroupStats.UNKNOWN);
    assertThat(cg.stats().io()).isEqualTo(new CgroupStats.Io(CgroupStats.UNKNOWN, CgroupStats.UNKNOWN));
  }

  @Test
  void destroyRefusesWhileProcessesRemain() {
    Cgroup cg = driver.create(null, "c1", LinuxResources.none());
    FakeTrees.dir(root.resolve(LEAF).resolve("inner"), Map.of());
    write(leaf("inner/cgroup.procs"), "31\n");
    assertThatThrownBy(cg::destroy)
        .hasMessage("cgroup " + LEAF + " still has processes [31]")
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.FAILED_PRECONDITION);
    write(leaf("inner/cgroup.procs"), "");
    cg.destroy();
    assertThat(root.resolve(LEAF)).doesNotExist();
    assertThat(root.resolve("user.slice/daemon/berth")).isDirectory();
  }

  @Test
  void anExistingCgroupWithProcessesIsAlreadyExists() {
    driver.create(null, "c1", LinuxResources.none());
    write(leaf("cgroup.procs"), "42\n");
    assertThatThrownBy(() -> driver.create(null, "c1", LinuxResources.none()))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
  }

  @Test
  void openFindsWhatCreateMade() {
    driver.create("/custom/c9", "c9", LinuxResources.none());
    Cgroup cg = driver.open("custom/c9");
    cg.update(new LinuxResources(null, null, null, new Pids(4), null, null));
    assertThat(read(root.resolve("custom/c9/pids.max"))).isEqualTo("4");
    assertThatThrownBy(() -> driver.open("custom/none"))
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }
}

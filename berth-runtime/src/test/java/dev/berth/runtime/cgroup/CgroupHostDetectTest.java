package dev.berth.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupHostDetectTest {
  /** Captured from a hybrid host: every v1 controller on its own mount, an empty unified mount. */
  private static final String HYBRID_MOUNTINFO = """
      22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
      31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
      32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
      33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
      34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
      35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
      36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
      37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
      38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
      39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
      40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      """;

  private static final String HYBRID_SELF = """
      9:name=systemd:/
      8:pids:/
      7:blkio:/
      4:memory:/process_api/f1ec1603
      3:cpuset:/
      2:cpuacct:/
      1:cpu:/
      0::/
      """;

  @Test
  void hybridHostIsV1WithTheMemoryCgroupAsOwnPath() {
    HostCgroups h = HostCgroups.parse(HYBRID_MOUNTINFO, HYBRID_SELF);
    assertThat(h.version()).isEqualTo(CgroupVersion.V1);
    assertThat(h.v1()).containsOnlyKeys(V1Driver.CONTROLLERS);
    assertThat(h.v1()).containsEntry("cpuacct", Path.of("/sys/fs/cgroup/cpuacct"));
    assertThat(h.v1Self()).isEqualTo("process_api/f1ec1603");
    assertThat(h.v2()).isEqualTo(Path.of("/sys/fs/cgroup/unified"));
  }

  @Test
  void jointMountsServeEveryControllerTheyHold() {
    String mountinfo = """
        25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:8 - cgroup cgroup rw,cpu,cpuacct
        26 24 0:23 / /sys/fs/cgroup/memory rw,nosuid shared:9 - cgroup cgroup rw,memory
        27 24 0:24 / /sys/fs/cgroup/net_cls,net_prio rw shared:10 - cgroup cgroup rw,net_cls,net_prio
        """;
    HostCgroups h = HostCgroups.parse(mountinfo, "5:cpu,cpuacct:/a\n4:memory:/system.slice/docker.service\n");
    assertThat(h.v1()).containsOnlyKeys("cpu", "cpuacct", "memory");
    assertThat(h.v1().get("cpu")).isEqualTo(h.v1().get("cpuacct")).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
    assertThat(h.v1Self()).isEqualTo("system.slice/docker.service");
    assertThat(h.driver().defaultParent()).isEqualTo("system.slice/docker.service/berth");
  }

  @Test
  void unifiedOnlyHostIsV2() {
    String mountinfo = "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n";
    HostCgroups h = HostCgroups.parse(mountinfo, "0::/user.slice/user-1000.slice/session-2.scope\n");
    assertThat(h.version()).isEqualTo(CgroupVersion.V2);
    assertThat(h.v2()).isEqualTo(Path.of("/sys/fs/cgroup"));
    assertThat(h.v2Self()).isEqualTo("user.slice/user-1000.slice/session-2.scope");
    assertThat(h.driver().defaultParent()).isEqualTo("user.slice/user-1000.slice/session-2.scope/berth");
  }

  @Test
  void aSubtreeMountIsStrippedFromTheOwnPathAndEscapesAreUndone() {
    String mountinfo = "30 24 0:26 /docker/abc /sys/fs/cgroup\\040x rw - cgroup2 cgroup2 rw\n";
    HostCgroups h = HostCgroups.parse(mountinfo, "0::/docker/abc/inner\n");
    assertThat(h.v2()).isEqualTo(Path.of("/sys/fs/cgroup x"));
    assertThat(h.v2Self()).isEqualTo("inner");
  }

  @Test
  void noCgroupMountIsASystemError() {
    HostCgroups h = HostCgroups.parse("22 1 253:0 / / rw - ext4 /dev/vda rw\n", "");
    assertThatThrownBy(h::version)
        .isInstanceOf(BerthException.class)
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.SYSTEM);
  }

  @Test
  void thisHostIsDetected() {
    CgroupDriver d = CgroupDriver.detect();
    assertThat(d.defaultParent()).endsWith("berth");
  }
}

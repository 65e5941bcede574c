package dev.berth.runtime.spec;

import dev.berth.oci.runtime.Linux;
import dev.berth.oci.runtime.LinuxResources;
import dev.berth.oci.runtime.Mount;
import dev.berth.oci.runtime.Process;
import dev.berth.oci.runtime.RuntimeConfig;
import java.util.List;

/** The config.json that `berth-runtime spec` writes: the same shape `runc spec` writes. */
public final class DefaultSpec {
  public static final String OCI_VERSION = "1.2.0";
  private static final List<String> CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  private DefaultSpec() {}

  public static RuntimeConfig create(boolean terminal) {
    Process process = new Process(terminal, null, new Process.User(0, 0, null, null, null),
        List.of("sh"),
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
        "/",
        new Process.Capabilities(CAPS, CAPS, null, CAPS, CAPS),
        List.of(new Process.Rlimit("RLIMIT_NOFILE", 1024, 1024)),
        true, null, null, null);
    List<Mount> mounts = List.of(
        new Mount("/proc", "proc", "proc", null),
        new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new Mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
        new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
    Linux linux = new Linux(
        List.of(ns("pid"), ns("network"), ns("ipc"), ns("uts"), ns("mount"), ns("cgroup")),
        null, null, null, null,
        new LinuxResources(List.of(new LinuxResources.DeviceRule(false, null, null, null, "rwm")),
            null, null, null, null, null),
        null, null, null,
        List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
        List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
        null);
    return new RuntimeConfig(OCI_VERSION, new RuntimeConfig.Root("rootfs", true), mounts, process,
        "berth", null, null, null, linux);
  }

  private static Linux.Namespace ns(String type) {
    return new Linux.Namespace(type, null);
  }
}

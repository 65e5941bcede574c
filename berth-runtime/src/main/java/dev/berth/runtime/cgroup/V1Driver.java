package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1: one hierarchy per controller or group of controllers. A container's cgroup is the
 * same relative path under each hierarchy Berth uses; name=systemd and the controllers Berth does
 * not limit (net_cls, hugetlb, …) are left alone.
 */
final class V1Driver implements CgroupDriver {
  /** The controllers Berth uses, in the order their directories are listed. */
  static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "cpuset", "devices", "freezer", "blkio", "pids");

  private final Map<String, Path> mounts;
  private final String self;
  private final CgroupFs fs;

  V1Driver(Map<String, Path> mounts, String self, CgroupFs fs) {
    Map<String, Path> ordered = new LinkedHashMap<>();
    for (String c : CONTROLLERS) {
      if (mounts.containsKey(c)) {
        ordered.put(c, mounts.get(c));
      }
    }
    if (ordered.isEmpty()) {
      throw BerthException.system("no cgroup v1 controller that Berth uses is mounted", null);
    }
    this.mounts = ordered;
    this.self = self;
    this.fs = fs;
  }

  /** Scans {@code root} for controller directories; {@code cpu,cpuacct} serves both, symlinks are skipped. */
  static V1Driver at(Path root, String selfPath) {
    Map<String, Path> mounts = new LinkedHashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))) {
      for (Path dir : dirs) {
        for (String c : dir.getFileName().toString().split(",")) {
          if (CONTROLLERS.contains(c)) {
            mounts.put(c, dir);
          }
        }
      }
    } catch (IOException e) {
      throw BerthException.system("cannot list cgroup v1 root " + root + ": " + CgroupFs.reason(e), e);
    }
    CgroupFs fs = mounts.isEmpty() ? CgroupFs.FAKE : CgroupFs.of(mounts.values().iterator().next());
    return new V1Driver(mounts, CgroupPath.normalize(selfPath, "selfPath"), fs);
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V1;
  }

  @Override
  public String defaultParent() {
    return CgroupPath.join(self, "berth");
  }

  @Override
  public Cgroup create(String cgroupsPath, String id, LinuxResources resources) {
    LinuxResources r = resources == null ? LinuxResources.none() : resources;
    ResourceCheck.validate(r, CgroupVersion.V1);
    V1Cgroup cgroup = cgroupAt(CgroupPath.resolve(cgroupsPath, id, self, defaultParent()));
    return CgroupCreation.create(cgroup, fs, dirs -> {
      for (Path hierarchy : mounts.values().stream().distinct().toList()) {
        if (hierarchy.equals(mounts.get("cpuset"))) {
          // every level's cpus and mems are copied from above, or nothing can join it
          dirs.make(hierarchy, cgroup.path(), CgroupDirs.Level.NONE, this::inheritCpuset);
        } else {
          dirs.makeLast(hierarchy, cgroup.path());
        }
      }
      new V1Limits(cgroup.dirs(), fs).apply(r);
    });
  }

  @Override
  public Cgroup open(String path) {
    String rel = CgroupCreation.openable(path);
    V1Cgroup cgroup = cgroupAt(rel);
    if (cgroup.dirs().values().stream().noneMatch(Files::isDirectory)) {
      throw BerthException.notFound("cgroup " + rel + " does not exist");
    }
    return cgroup;
  }

  private V1Cgroup cgroupAt(String rel) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    mounts.forEach((controller, mount) -> dirs.put(controller, mount.resolve(rel)));
    return new V1Cgroup(rel, dirs, fs);
  }

  /**
   * A new v1 cpuset starts with empty cpuset.cpus and cpuset.mems, and no task can join it until
   * they are set: copy the parent's down each level that has none.
   */
  private void inheritCpuset(Path parent, Path dir) {
    for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
      String inherited = CgroupFs.read(parent.resolve(file));
      if (CgroupFs.read(dir.resolve(file)).isEmpty() && !inherited.isEmpty()) {
        fs.write(dir.resolve(file), inherited);
      }
    }
  }
}

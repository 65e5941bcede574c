package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** cgroup v2: one unified hierarchy; a cgroup gets a controller only if its parent lists it in cgroup.subtree_control. */
final class V2Driver implements CgroupDriver {
  /** What a container's cgroup needs from its parent, in the order they are asked for. */
  static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "io", "cpuset");

  private final Path root;
  private final String self;
  private final CgroupFs fs;

  V2Driver(Path root, String self, CgroupFs fs) {
    this.root = root;
    this.self = self;
    this.fs = fs;
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V2;
  }

  @Override
  public String defaultParent() {
    return CgroupPath.join(self, "berth");
  }

  @Override
  public Cgroup create(String cgroupsPath, String id, LinuxResources resources) {
    LinuxResources r = resources == null ? LinuxResources.none() : resources;
    ResourceCheck.validate(r, CgroupVersion.V2);
    V2Cgroup cgroup = cgroupAt(CgroupPath.resolve(cgroupsPath, id, self, defaultParent()));
    return CgroupCreation.create(cgroup, fs, dirs -> {
      dirs.make(root, cgroup.path(), this::delegate, CgroupDirs.Level.NONE);
      new V2Limits(cgroup.dir(), fs).apply(r);
    });
  }

  @Override
  public Cgroup open(String path) {
    String rel = CgroupCreation.openable(path);
    V2Cgroup cgroup = cgroupAt(rel);
    if (!Files.isDirectory(cgroup.dir())) {
      throw BerthException.notFound("cgroup " + rel + " does not exist");
    }
    return cgroup;
  }

  private V2Cgroup cgroupAt(String rel) {
    return new V2Cgroup(rel, root.resolve(rel), fs);
  }

  /**
   * Before each level is made (or entered), lets it have the controllers a container needs, as
   * far as its parent has them: "+memory +pids …" to the parent's cgroup.subtree_control, in one
   * write, and only those missing, since the kernel refuses this for a non-root cgroup that holds
   * processes.
   */
  private void delegate(Path parent, Path dir) {
    Set<String> available = words(parent.resolve("cgroup.controllers"));
    Set<String> enabled = words(parent.resolve("cgroup.subtree_control"));
    String missing = CONTROLLERS.stream()
        .filter(c -> available.contains(c) && !enabled.contains(c))
        .map(c -> "+" + c)
        .collect(Collectors.joining(" "));
    if (!missing.isEmpty()) {
      fs.write(parent.resolve("cgroup.subtree_control"), missing);
    }
  }

  private static Set<String> words(Path file) {
    String text = CgroupFs.readOrEmpty(file);
    return text.isEmpty() ? Set.of() : Set.of(text.split("\\s+"));
  }
}

package dev.berth.runtime.spec;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Linux;
import dev.berth.oci.runtime.Mount;
import dev.berth.oci.runtime.Process;
import dev.berth.oci.runtime.RuntimeConfig;
import dev.berth.runtime.seccomp.SeccompValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a config.json before anything is created, so bad input fails with the name of the bad
 * field and leaves no cgroup, mount or process behind. Limits the kernel checks (memory minimum,
 * cpuset syntax) are checked by the cgroup layer before it writes.
 */
public final class ConfigValidator {
  private static final Pattern SYSCTL_KEY = Pattern.compile("[a-zA-Z0-9_.\\-/]+");

  private ConfigValidator() {}

  public static void validate(RuntimeConfig c) {
    if (c.ociVersion() == null || c.ociVersion().isBlank()) {
      throw BerthException.invalid("ociVersion: missing");
    }
    if (c.root() == null || c.root().path() == null || c.root().path().isBlank()) {
      throw BerthException.invalid("root.path: missing");
    }
    if (c.process() == null) throw BerthException.invalid("process: missing");
    validateProcess(c.process(), "process");
    validateMounts(c.mounts());
    Linux linux = c.linux() == null ? emptyLinux() : c.linux();
    Set<NamespaceType> created = validateNamespaces(linux);
    if (c.hostname() != null && !c.hostname().isEmpty() && !created.contains(NamespaceType.UTS)) {
      throw BerthException.invalid("hostname: setting it needs a new uts namespace in linux.namespaces");
    }
    if (c.domainname() != null && !c.domainname().isEmpty() && !created.contains(NamespaceType.UTS)) {
      throw BerthException.invalid("domainname: setting it needs a new uts namespace in linux.namespaces");
    }
    boolean newUser = created.contains(NamespaceType.USER);
    if (!newUser && (!linux.uidMappings().isEmpty() || !linux.gidMappings().isEmpty())) {
      throw BerthException.invalid("linux.uidMappings: id mappings need a new user namespace in linux.namespaces");
    }
    if (newUser && (linux.uidMappings().isEmpty() || linux.gidMappings().isEmpty())) {
      throw BerthException.invalid("linux.uidMappings: a new user namespace needs uidMappings and gidMappings");
    }
    for (var e : linux.sysctl().keySet()) {
      if (!SYSCTL_KEY.matcher(e).matches() || e.contains("..")) {
        throw BerthException.invalid("linux.sysctl: bad key \"" + e + "\"");
      }
      if (e.startsWith("net.") && !created.contains(NamespaceType.NETWORK)) {
        throw BerthException.invalid("linux.sysctl: \"" + e + "\" needs a new network namespace");
      }
    }
    MountOptions.rootPropagation(linux.rootfsPropagation(), "linux.rootfsPropagation");
    for (int i = 0; i < linux.devices().size(); i++) {
      var d = linux.devices().get(i);
      String f = "linux.devices[" + i + "]";
      if (d.path() == null || !d.path().startsWith("/")) {
        throw BerthException.invalid(f + ".path: \"" + d.path() + "\" is not absolute");
      }
      if (!List.of("c", "b", "u", "p").contains(d.type())) {
        throw BerthException.invalid(f + ".type: unknown device type \"" + d.type() + "\"");
      }
    }
    checkAbsolute(linux.maskedPaths(), "linux.maskedPaths");
    checkAbsolute(linux.readonlyPaths(), "linux.readonlyPaths");
    if (linux.seccomp() != null) SeccompValidator.validate(linux.seccomp());
  }

  /** The checks that also apply to a process given to exec. */
  public static void validateProcess(Process p, String field) {
    if (p.args().isEmpty() || p.args().get(0).isEmpty()) {
      throw BerthException.invalid(field + ".args: must name a program");
    }
    if (p.cwd() == null || !p.cwd().startsWith("/")) {
      throw BerthException.invalid(field + ".cwd: \"" + p.cwd() + "\" is not an absolute path");
    }
    if (p.user() != null && (p.user().uid() < 0 || p.user().gid() < 0)) {
      throw BerthException.invalid(field + ".user: uid and gid must not be negative");
    }
    if (p.oomScoreAdj() != null && (p.oomScoreAdj() < -1000 || p.oomScoreAdj() > 1000)) {
      throw BerthException.invalid(field + ".oomScoreAdj: " + p.oomScoreAdj() + " is outside -1000..1000");
    }
    var caps = p.capabilities();
    if (caps != null) {
      if (caps.bounding() != null) CapabilityNames.mask(caps.bounding(), field + ".capabilities.bounding");
      if (caps.effective() != null) CapabilityNames.mask(caps.effective(), field + ".capabilities.effective");
      if (caps.permitted() != null) CapabilityNames.mask(caps.permitted(), field + ".capabilities.permitted");
      if (caps.inheritable() != null) CapabilityNames.mask(caps.inheritable(), field + ".capabilities.inheritable");
      if (caps.ambient() != null) CapabilityNames.mask(caps.ambient(), field + ".capabilities.ambient");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < p.rlimits().size(); i++) {
      var r = p.rlimits().get(i);
      String f = field + ".rlimits[" + i + "]";
      if (RlimitNames.number(r.type()) < 0) {
        throw BerthException.invalid(f + ".type: unknown rlimit \"" + r.type() + "\"");
      }
      if (!seen.add(r.type())) throw BerthException.invalid(f + ".type: \"" + r.type() + "\" given twice");
      if (Long.compareUnsigned(r.soft(), r.hard()) > 0) {
        throw BerthException.invalid(f + ": soft limit " + r.soft() + " is above hard limit " + r.hard());
      }
    }
  }

  private static void validateMounts(List<Mount> mounts) {
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      String f = "mounts[" + i + "]";
      if (m.destination() == null || !m.destination().startsWith("/")) {
        throw BerthException.invalid(f + ".destination: \"" + m.destination() + "\" is not an absolute path");
      }
      MountOptions o = MountOptions.parse(m.options());
      if (o.bind() && (m.source() == null || m.source().isEmpty())) {
        throw BerthException.invalid(f + ".source: a bind mount needs a source");
      }
      if (o.bind() && m.source().startsWith("/") && !Files.exists(Path.of(m.source()))) {
        throw BerthException.invalid(f + ".source: " + m.source() + " does not exist");
      }
    }
  }

  private static Set<NamespaceType> validateNamespaces(Linux linux) {
    Set<NamespaceType> created = EnumSet.noneOf(NamespaceType.class);
    Set<NamespaceType> seen = EnumSet.noneOf(NamespaceType.class);
    for (int i = 0; i < linux.namespaces().size(); i++) {
      var ns = linux.namespaces().get(i);
      String f = "linux.namespaces[" + i + "]";
      NamespaceType t = NamespaceType.of(ns.type(), f + ".type");
      if (!seen.add(t)) throw BerthException.invalid(f + ".type: \"" + ns.type() + "\" given twice");
      if (ns.path() == null || ns.path().isEmpty()) {
        created.add(t);
      } else if (!Files.exists(Path.of(ns.path()))) {
        throw BerthException.invalid(f + ".path: " + ns.path() + " does not exist");
      }
    }
    return created;
  }

  private static void checkAbsolute(List<String> paths, String field) {
    for (int i = 0; i < paths.size(); i++) {
      if (!paths.get(i).startsWith("/")) {
        throw BerthException.invalid(field + "[" + i + "]: \"" + paths.get(i) + "\" is not absolute");
      }
    }
  }

  private static Linux emptyLinux() {
    return new Linux(null, null, null, null, null, null, null, null, null, null, null, null);
  }
}

package dev.berth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.oci.image.ImageConfig;
import dev.berth.runtime.seccomp.DefaultSeccompProfile;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.DefaultSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OCI runtime config of a container: the image's defaults, overridden by what {@code docker
 * create} asked for, with Docker's defaults for everything else (capabilities, seccomp profile,
 * masked paths, /etc/hosts, /etc/hostname and /etc/resolv.conf from the container's directory).
 */
final class RuntimeSpec {
  /** Docker's default capability set. */
  static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
      "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
  static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Where --init's binary appears in the container, as Docker's docker-init does. */
  static final String INIT_PATH = "/sbin/docker-init";

  private RuntimeSpec() {}

  /** berth-init, built beside the shim. */
  static Path initBinary() {
    Path init = dev.berth.runtime.shim.ShimBinary.locate().resolveSibling("berth-init");
    if (!java.nio.file.Files.isExecutable(init)) {
      throw BerthException.precondition("--init needs " + init + " (built with the shim)");
    }
    return init;
  }

  /** The program and its arguments, as Docker chooses them from the image and the request. */
  static List<String> command(ContainerConfig c, ImageConfig.ContainerConfig image) {
    List<String> entrypoint;
    List<String> cmd;
    if (c.entrypoint() != null) {
      // an explicit entrypoint drops the image's cmd; [""] means "no entrypoint"
      entrypoint = c.entrypoint().size() == 1 && c.entrypoint().getFirst().isEmpty() ? List.of()
          : c.entrypoint();
      cmd = c.cmd() == null ? List.of() : c.cmd();
    } else {
      entrypoint = image == null || image.entrypoint() == null ? List.of() : image.entrypoint();
      cmd = c.cmd() != null && !c.cmd().isEmpty() ? c.cmd()
          : image == null || image.cmd() == null ? List.of() : image.cmd();
    }
    List<String> all = new ArrayList<>(entrypoint);
    all.addAll(cmd);
    if (all.isEmpty()) {
      throw BerthException.invalid("No command specified");
    }
    return all;
  }

  /** Image env, then the request's, a variable set twice keeping its first place. */
  static List<String> env(ContainerConfig c, ImageConfig.ContainerConfig image, String hostname) {
    Map<String, String> vars = new LinkedHashMap<>();
    put(vars, DEFAULT_PATH);
    put(vars, "HOSTNAME=" + hostname);
    if (image != null && image.env() != null) {
      image.env().forEach(e -> put(vars, e));
    }
    c.env().forEach(e -> put(vars, e));
    if (c.tty() && !vars.containsKey("TERM")) {
      vars.put("TERM", "xterm");
    }
    List<String> out = new ArrayList<>();
    vars.forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
    return out;
  }

  private static void put(Map<String, String> vars, String e) {
    int eq = e.indexOf('=');
    vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? null : e.substring(eq + 1));
  }

  /**
   * The config.json tree. {@code dir} is the container's directory holding {@code hostname},
   * {@code hosts} and {@code resolv.conf}; {@code user} the resolved uid and gid.
   */
  static ObjectNode build(Container c, ImageConfig.ContainerConfig image, Path dir, long[] user,
      String hostname, EngineOptions defaults) {
    HostConfig host = c.hostConfig();
    ObjectNode spec = BundleLoader.JSON.valueToTree(DefaultSpec.create(c.config().tty()));
    spec.with("root").put("path", "rootfs").put("readonly", host.readonlyRootfs());
    spec.put("hostname", hostname);
    ObjectNode process = spec.with("process");
    process.put("terminal", c.config().tty());
    ArrayNode args = process.putArray("args");
    List<String> command = new ArrayList<>();
    if (Boolean.TRUE.equals(host.init())) {
      // --init: a small PID 1 that forwards signals and reaps orphans runs the command
      command.addAll(List.of(INIT_PATH, "--"));
    }
    command.add(c.path());
    command.addAll(c.args());
    command.forEach(args::add);
    ArrayNode env = process.putArray("env");
    env(c.config(), image, hostname).forEach(env::add);
    String cwd = c.config().workingDir() != null && !c.config().workingDir().isEmpty()
        ? c.config().workingDir()
        : image != null && image.workingDir() != null && !image.workingDir().isEmpty()
            ? image.workingDir() : "/";
    process.put("cwd", cwd);
    process.putObject("user").put("uid", user[0]).put("gid", user[1]);
    List<HostConfig.Ulimit> ulimits = new ArrayList<>(defaults.defaultUlimits());
    ulimits.removeIf(d -> host.ulimits().stream().anyMatch(u -> u.name().equals(d.name())));
    ulimits.addAll(host.ulimits());
    if (!ulimits.isEmpty()) {
      ArrayNode rlimits = (ArrayNode) process.get("rlimits");
      for (HostConfig.Ulimit u : ulimits) {
        String type = rlimitType(u.name());
        for (int i = rlimits.size() - 1; i >= 0; i--) {
          if (type.equals(rlimits.get(i).path("type").asText())) {
            rlimits.remove(i);
          }
        }
        rlimits.addObject().put("type", type).put("soft", u.soft()).put("hard", u.hard());
      }
    }
    List<String> caps = capabilities(host);
    ObjectNode capabilities = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      ArrayNode a = capabilities.putArray(set);
      caps.forEach(a::add);
    }
    process.put("noNewPrivileges", host.securityOpt().stream()
        .anyMatch(o -> o.equals("no-new-privileges") || o.equals("no-new-privileges:true")
            || o.equals("no-new-privileges=true")));
    ArrayNode mounts = (ArrayNode) spec.get("mounts");
    for (String file : List.of("hostname", "hosts", "resolv.conf")) {
      ObjectNode m = mounts.addObject();
      m.put("destination", "/etc/" + file).put("type", "bind")
          .put("source", dir.resolve(file).toString());
      m.putArray("options").add("rbind").add("rprivate").add(host.readonlyRootfs() ? "ro" : "rw");
    }
    // binds, --mount and volumes are added at start by dev.berth.engine.volume.VolumeService
    if (Boolean.TRUE.equals(host.init())) {
      ObjectNode m = mounts.addObject();
      m.put("destination", INIT_PATH).put("type", "bind").put("source", initBinary().toString());
      m.putArray("options").add("rbind").add("ro");
    }
    host.tmpfs().forEach((dest, opts) -> {
      ObjectNode m = mounts.addObject();
      m.put("destination", dest).put("type", "tmpfs").put("source", "tmpfs");
      ArrayNode o = m.putArray("options").add("nosuid").add("nodev").add("noexec");
      if (opts != null && !opts.isEmpty()) {
        for (String opt : opts.split(",")) {
          o.add(opt);
        }
      }
    });
    ObjectNode linux = spec.with("linux");
    String parent = host.cgroupParent() != null && !host.cgroupParent().isBlank()
        ? host.cgroupParent() : defaults.cgroupParent();
    if (parent != null) {
      linux.put("cgroupsPath", "/" + parent.replaceAll("^/+|/+$", "") + "/" + c.id());
    }
    namespaces(linux, host);
    resources(linux, host);
    security(linux, host, caps);
    return spec;
  }

  private static final java.util.Set<String> ULIMITS = java.util.Set.of("as", "core", "cpu",
      "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss",
      "rtprio", "rttime", "sigpending", "stack");

  /** {@code nofile} → {@code RLIMIT_NOFILE}; Docker's names only. */
  static String rlimitType(String name) {
    String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    if (!ULIMITS.contains(n)) {
      throw BerthException.invalid("invalid ulimit type: " + name);
    }
    return "RLIMIT_" + n.toUpperCase(java.util.Locale.ROOT);
  }

  /** The log file's rotation: {@code max-size} (bytes, k, m, g) and {@code max-file}. */
  static long[] logRotation(HostConfig host) {
    long maxBytes = 10L << 20;
    long maxFiles = 3;
    HostConfig.LogConfig lc = host.logConfig();
    if (lc != null) {
      String type = lc.type() == null ? "" : lc.type();
      if (!type.isEmpty() && !type.equals("json-file") && !type.equals("local")) {
        throw BerthException.invalid("log driver " + type + " is not supported: use json-file"
            + " or local (both keep a rotated file that docker logs reads)");
      }
      for (var e : lc.config().entrySet()) {
        switch (e.getKey()) {
          case "max-size" -> maxBytes = size(e.getValue());
          case "max-file" -> {
            try {
              maxFiles = Long.parseLong(e.getValue());
            } catch (NumberFormatException x) {
              throw BerthException.invalid("invalid max-file: " + e.getValue());
            }
          }
          case "compress", "mode", "labels", "env", "tag" -> { }
          default -> throw BerthException.invalid("unknown log opt '" + e.getKey() + "'");
        }
      }
    }
    return new long[] {maxBytes, maxFiles};
  }

  private static long size(String v) {
    var m = java.util.regex.Pattern.compile("(?i)(\\d+)([kmg]?)b?").matcher(v.trim());
    if (!m.matches()) {
      throw BerthException.invalid("invalid max-size: " + v);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }

  /** Refuses at create what start would refuse: bad binds, capabilities, security options. */
  static void check(HostConfig host) {
    host.ulimits().forEach(u -> rlimitType(u.name()));
    logRotation(host);
    dev.berth.engine.volume.VolumeService.check(host);
    capabilities(host);
    String profile = seccompProfile(host);
    if (profile != null && !profile.isEmpty()) {
      dev.berth.runtime.seccomp.DockerSeccompProfile.resolve(profile, Set.of()); // parses it
    }
  }

  private static List<String> capabilities(HostConfig host) {
    if (host.privileged()) {
      return dev.berth.runtime.spec.CapabilityNames.all();
    }
    Set<String> caps = new LinkedHashSet<>(DEFAULT_CAPS);
    for (String add : host.capAdd()) {
      if (add.equalsIgnoreCase("ALL")) {
        caps.addAll(dev.berth.runtime.spec.CapabilityNames.all());
      } else {
        caps.add(capName(add));
      }
    }
    for (String drop : host.capDrop()) {
      if (drop.equalsIgnoreCase("ALL")) {
        caps.clear();
      } else {
        caps.remove(capName(drop));
      }
    }
    return List.copyOf(caps);
  }

  private static String capName(String c) {
    String upper = c.toUpperCase(java.util.Locale.ROOT);
    String name = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    if (dev.berth.runtime.spec.CapabilityNames.number(name) < 0) {
      throw BerthException.invalid("unknown capability: \"" + name + "\"");
    }
    return name;
  }

  private static void namespaces(ObjectNode linux, HostConfig host) {
    String mode = host.networkMode() == null ? "default" : host.networkMode();
    ArrayNode ns = linux.putArray("namespaces");
    for (String t : List.of("pid", "ipc", "uts", "mount", "cgroup")) {
      ns.addObject().put("type", t);
    }
    if (!mode.equals("host")) {
      ns.addObject().put("type", "network"); // none, and bridge until networks exist: no links
    }
  }

  private static void resources(ObjectNode linux, HostConfig host) {
    ObjectNode r = linux.with("resources");
    if (host.memory() > 0) {
      ObjectNode m = r.putObject("memory").put("limit", host.memory());
      if (host.memorySwap() > 0) {
        m.put("swap", host.memorySwap());
      }
    }
    if (host.cpuShares() > 0 || host.nanoCpus() > 0 || host.cpusetCpus() != null) {
      ObjectNode cpu = r.putObject("cpu");
      if (host.cpuShares() > 0) {
        cpu.put("shares", host.cpuShares());
      }
      if (host.nanoCpus() > 0) {
        cpu.put("period", 100_000).put("quota", host.nanoCpus() * 100_000 / 1_000_000_000L);
      }
      if (host.cpusetCpus() != null && !host.cpusetCpus().isEmpty()) {
        cpu.put("cpus", host.cpusetCpus());
      }
    }
    if (host.pidsLimit() != null && host.pidsLimit() > 0) {
      r.putObject("pids").put("limit", host.pidsLimit());
    }
  }

  private static void security(ObjectNode linux, HostConfig host, List<String> caps) {
    String profile = seccompProfile(host);
    if (profile == null) {
      linux.set("seccomp", defaultSeccomp(caps));
    } else if (!profile.isEmpty()) {
      linux.set("seccomp", BundleLoader.JSON.valueToTree(
          dev.berth.runtime.seccomp.DockerSeccompProfile.resolve(profile, Set.copyOf(caps))));
    }
    if (host.privileged()) {
      linux.remove("maskedPaths");
      linux.remove("readonlyPaths");
    }
  }

  /** The profile a container asked for: its JSON text, null for the default, "" for none. */
  private static String seccompProfile(HostConfig host) {
    boolean unconfined = host.privileged() || host.securityOpt().stream()
        .anyMatch(o -> o.equals("seccomp=unconfined") || o.equals("seccomp:unconfined"));
    // the docker CLI sends a profile file's text: seccomp={...}; "builtin" is the default
    String profile = host.securityOpt().stream()
        .filter(o -> o.startsWith("seccomp=") || o.startsWith("seccomp:"))
        .map(o -> o.substring("seccomp=".length()).strip())
        .filter(v -> !v.equals("unconfined") && !v.equals("builtin")).findFirst().orElse(null);
    if (profile != null && !profile.startsWith("{")) {
      throw BerthException.invalid("security-opt seccomp=" + profile + ": a profile is sent as"
          + " its JSON text (the docker CLI reads the file); \"unconfined\" and \"builtin\" are"
          + " the names known");
    }
    return unconfined ? "" : profile;
  }

  /**
   * Docker's default profile as JSON for one capability set. Resolving it and turning it into
   * a tree took a tenth of a container start's CPU, and nearly every container has the same
   * set. The trees are shared: they are written out, never changed.
   */
  private static JsonNode defaultSeccomp(List<String> caps) {
    Set<String> key = Set.copyOf(caps);
    JsonNode cached = DEFAULT_SECCOMP.get(key);
    if (cached == null) {
      if (DEFAULT_SECCOMP.size() >= 32) {
        DEFAULT_SECCOMP.clear(); // odd --cap-add mixes must not grow it without end
      }
      cached = BundleLoader.JSON.valueToTree(DefaultSeccompProfile.resolve(key));
      DEFAULT_SECCOMP.put(key, cached);
    }
    return cached;
  }

  private static final Map<Set<String>, JsonNode> DEFAULT_SECCOMP =
      new java.util.concurrent.ConcurrentHashMap<>();

}

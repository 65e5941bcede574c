package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} from run/create flags, shaped like the one the
 * docker CLI sends (Config fields at the top level, HostConfig, NetworkingConfig).
 */
final class ContainerSpec {
  private ContainerSpec() {}

  /** {@code detached} run clears the attach flags; {@code run} sets StdinOnce for -i. */
  static ObjectNode body(CreateFlags f, String image, List<String> cmd, boolean run,
      boolean detached, Map<String, String> env, int[] consoleSize) {
    boolean attachStdin = f.attach.stream().anyMatch(a -> a.equalsIgnoreCase("stdin"))
        || f.interactive;
    boolean attachStdout = f.attach.isEmpty()
        || f.attach.stream().anyMatch(a -> a.equalsIgnoreCase("stdout"));
    boolean attachStderr = f.attach.isEmpty()
        || f.attach.stream().anyMatch(a -> a.equalsIgnoreCase("stderr"));
    for (String a : f.attach) {
      if (!a.matches("(?i)stdin|stdout|stderr")) {
        throw new IllegalArgumentException("invalid argument \"" + a + "\" for \"-a, --attach\" flag: valid streams are"
                + " STDIN, STDOUT and STDERR");
      }
    }
    if (detached) {
      attachStdin = attachStdout = attachStderr = false;
    }
    ObjectNode b = Json.object();
    b.put("Hostname", nz(f.hostname));
    b.put("Domainname", nz(f.domainname));
    b.put("User", nz(f.user));
    b.put("AttachStdin", attachStdin);
    b.put("AttachStdout", attachStdout);
    b.put("AttachStderr", attachStderr);
    ObjectNode exposed = Json.object();
    ObjectNode bindings = Json.object();
    for (String p : f.publish) {
      PortSpecs.publish(p, exposed, bindings);
    }
    for (String p : f.expose) {
      PortSpecs.expose(p, exposed);
    }
    if (!exposed.isEmpty()) {
      b.set("ExposedPorts", exposed);
    }
    b.put("Tty", f.tty);
    b.put("OpenStdin", f.interactive);
    b.put("StdinOnce", !detached && f.interactive && attachStdin);
    b.set("Env", envList(f, env));
    b.set("Cmd", cmd.isEmpty() ? null : strings(cmd));
    if (f.noHealthcheck || f.healthCmd != null || f.healthInterval != null
        || f.healthTimeout != null || f.healthRetries != null || f.healthStartPeriod != null) {
      b.set("Healthcheck", health(f));
    }
    b.put("Image", image);
    ObjectNode vols = Json.object();
    b.set("Volumes", vols);
    b.put("WorkingDir", nz(f.workdir));
    if (f.entrypoint != null) {
      b.set("Entrypoint", strings(List.of(f.entrypoint)));
    } else {
      b.putNull("Entrypoint");
    }
    b.putNull("OnBuild");
    b.set("Labels", labels(f));
    if (f.stopSignal != null) {
      b.put("StopSignal", f.stopSignal);
    }
    if (f.stopTimeout != null) {
      b.put("StopTimeout", f.stopTimeout);
    }
    b.set("HostConfig", hostConfig(f, bindings, vols, consoleSize));
    b.set("NetworkingConfig", networking(f));
    return b;
  }

  private static ObjectNode hostConfig(CreateFlags f, ObjectNode bindings, ObjectNode vols,
      int[] consoleSize) {
    ObjectNode h = Json.object();
    ArrayNode binds = Json.array();
    for (String v : f.volumes) {
      // a lone container path is an anonymous volume; anything with a source is a bind
      if (v.startsWith("/") && !v.contains(":")) {
        vols.putObject(v);
      } else {
        binds.add(v);
      }
    }
    h.set("Binds", binds.isEmpty() ? null : binds);
    h.put("NetworkMode", f.network == null ? "default" : f.network);
    h.set("PortBindings", bindings);
    h.set("RestartPolicy", RestartPolicy.parse(f.restart));
    h.put("AutoRemove", f.autoRemove);
    h.set("VolumesFrom", f.volumesFrom.isEmpty() ? null : strings(f.volumesFrom));
    h.set("CapAdd", f.capAdd.isEmpty() ? null : strings(capabilities(f.capAdd)));
    h.set("CapDrop", f.capDrop.isEmpty() ? null : strings(capabilities(f.capDrop)));
    h.set("Dns", strings(f.dns));
    h.set("DnsOptions", strings(f.dnsOption));
    h.set("DnsSearch", strings(f.dnsSearch));
    h.set("ExtraHosts", f.addHost.isEmpty() ? null : strings(f.addHost));
    h.set("GroupAdd", f.groupAdd.isEmpty() ? null : strings(f.groupAdd));
    h.put("IpcMode", nz(f.ipc));
    h.put("Cgroup", "");
    h.put("PidMode", nz(f.pid));
    h.put("Privileged", f.privileged);
    h.put("PublishAllPorts", f.publishAll);
    h.put("ReadonlyRootfs", f.readOnly);
    h.set("SecurityOpt", f.securityOpt.isEmpty() ? null : strings(f.securityOpt));
    h.put("UTSMode", nz(f.uts));
    h.put("UsernsMode", nz(f.userns));
    h.put("CgroupnsMode", nz(f.cgroupns));
    h.put("ShmSize", f.shmSize == null ? 0 : f.shmSize);
    h.set("ConsoleSize", Json.array().add(consoleSize[0]).add(consoleSize[1]));
    ObjectNode log = h.putObject("LogConfig");
    log.put("Type", nz(f.logDriver));
    ObjectNode logCfg = log.putObject("Config");
    for (String o : f.logOpts) {
      String[] kv = o.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("invalid argument \"" + o + "\" for \"--log-opt\" flag: invalid key value pair"
                + " format in log-opt");
      }
      logCfg.put(kv[0], kv[1]);
    }
    if (!f.tmpfs.isEmpty()) {
      ObjectNode t = h.putObject("Tmpfs");
      for (String s : f.tmpfs) {
        String[] kv = s.split(":", 2);
        t.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    if (!f.sysctls.isEmpty()) {
      ObjectNode s = h.putObject("Sysctls");
      for (String kv : f.sysctls) {
        String[] p = kv.split("=", 2);
        s.put(p[0], p.length > 1 ? p[1] : "");
      }
    }
    if (f.init) {
      h.put("Init", true);
    }
    h.put("CgroupParent", nz(f.cgroupParent));
    h.put("ContainerIDFile", "");
    h.put("VolumeDriver", "");
    h.putNull("Links");
    h.put("OomScoreAdj", f.oomScoreAdj == null ? 0 : f.oomScoreAdj);
    h.put("Isolation", "");
    h.putNull("MaskedPaths");
    h.putNull("ReadonlyPaths");
    // resources
    h.put("CpuShares", f.cpuShares == null ? 0 : f.cpuShares);
    h.put("Memory", f.memory == null ? 0 : f.memory);
    h.put("NanoCpus", f.cpus == null ? 0 : Math.round(f.cpus * 1e9));
    h.put("CpuPeriod", f.cpuPeriod == null ? 0 : f.cpuPeriod);
    h.put("CpuQuota", f.cpuQuota == null ? 0 : f.cpuQuota);
    h.put("CpusetCpus", nz(f.cpusetCpus));
    h.put("CpusetMems", nz(f.cpusetMems));
    h.set("Devices", Json.array());
    for (String d : f.devices) {
      String[] p = d.split(":");
      ObjectNode dev = ((ArrayNode) h.get("Devices")).addObject();
      dev.put("PathOnHost", p[0]);
      dev.put("PathInContainer", p.length > 1 ? p[1] : p[0]);
      dev.put("CgroupPermissions", p.length > 2 ? p[2] : "rwm");
    }
    h.put("MemoryReservation", f.memoryReservation == null ? 0 : f.memoryReservation);
    h.put("MemorySwap", f.memorySwap == null ? 0 : f.memorySwap);
    h.put("MemorySwappiness", -1);
    h.put("OomKillDisable", f.oomKillDisable);
    h.put("PidsLimit", f.pidsLimit == null ? 0 : f.pidsLimit);
    // the rest of docker's resource block, all at their zero values
    h.put("BlkioWeight", 0);
    for (String k : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
        "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) {
      h.set(k, Json.array());
    }
    for (String k : List.of("CpuRealtimePeriod", "CpuRealtimeRuntime", "CpuCount",
        "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth")) {
      h.put(k, 0);
    }
    h.putNull("DeviceCgroupRules");
    h.putNull("DeviceRequests");
    h.set("Ulimits", Ulimits.parse(f.ulimits));
    if (!f.mounts.isEmpty()) {
      ArrayNode m = h.putArray("Mounts");
      for (String spec : f.mounts) {
        m.add(MountSpec.parse(spec));
      }
    }
    return h;
  }

  private static ObjectNode networking(CreateFlags f) {
    ObjectNode n = Json.object();
    ObjectNode eps = n.putObject("EndpointsConfig");
    String net = f.network == null ? "default" : f.network;
    // as docker: the implicit default network gets a full (empty) endpoint, a named network
    // one only when something was asked for it
    if (net.equals("default") || f.ip != null || !f.networkAliases.isEmpty()) {
      ObjectNode ep = eps.putObject(net);
      ep.putNull("IPAMConfig");
      if (f.ip != null) {
        ep.putObject("IPAMConfig").put("IPv4Address", f.ip);
      }
      ep.putNull("Links");
      ep.set("Aliases", f.networkAliases.isEmpty() ? null : strings(f.networkAliases));
      ep.put("MacAddress", "");
      ep.putNull("DriverOpts");
      ep.put("GwPriority", 0);
      ep.put("NetworkID", "");
      ep.put("EndpointID", "");
      ep.put("Gateway", "");
      ep.put("IPAddress", "");
      ep.put("IPPrefixLen", 0);
      ep.put("IPv6Gateway", "");
      ep.put("GlobalIPv6Address", "");
      ep.put("GlobalIPv6PrefixLen", 0);
      ep.putNull("DNSNames");
    }
    return n;
  }

  private static ObjectNode health(CreateFlags f) {
    ObjectNode h = Json.object();
    if (f.noHealthcheck) {
      if (f.healthCmd != null) {
        throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
      }
      h.set("Test", strings(List.of("NONE")));
      return h;
    }
    if (f.healthCmd != null) {
      h.set("Test", strings(List.of("CMD-SHELL", f.healthCmd)));
    }
    checkNonNegative(f.healthInterval, "--health-interval");
    checkNonNegative(f.healthTimeout, "--health-timeout");
    checkNonNegative(f.healthStartPeriod, "--health-start-period");
    // zero durations are left out, as docker's omitempty does
    putNonZero(h, "Interval", f.healthInterval);
    putNonZero(h, "Timeout", f.healthTimeout);
    putNonZero(h, "StartPeriod", f.healthStartPeriod);
    putNonZero(h, "StartInterval", f.healthStartInterval);
    if (f.healthRetries != null) {
      if (f.healthRetries < 0) {
        throw new IllegalArgumentException("--health-retries cannot be negative");
      }
      h.put("Retries", f.healthRetries);
    }
    return h;
  }

  /** Docker's NormalizeCapabilities: upper case, "CAP_" prefixed, "ALL" as is, no repeats. */
  static List<String> capabilities(List<String> caps) {
    var out = new java.util.LinkedHashSet<String>();
    for (String c : caps) {
      String u = c.trim().toUpperCase(java.util.Locale.ROOT);
      out.add(u.equals("ALL") || u.startsWith("CAP_") ? u : "CAP_" + u);
    }
    return List.copyOf(out);
  }

  private static void putNonZero(ObjectNode h, String field, Long v) {
    if (v != null && v != 0) {
      h.put(field, v);
    }
  }

  private static void checkNonNegative(Long v, String flag) {
    if (v != null && v < 0) {
      throw new IllegalArgumentException("" + flag + " cannot be negative");
    }
  }

  private static ArrayNode envList(CreateFlags f, Map<String, String> hostEnv) {
    ArrayNode a = Json.array();
    for (String file : f.envFile) {
      for (String line : readLines(file)) {
        addEnv(a, line, hostEnv);
      }
    }
    for (String e : f.env) {
      addEnv(a, e, hostEnv);
    }
    return a.isEmpty() ? null : a;
  }

  /** "K=V" as is; a bare "K" takes the caller's value when it has one (docker's rule). */
  private static void addEnv(ArrayNode a, String e, Map<String, String> hostEnv) {
    if (e.startsWith("=")) {
      throw new IllegalArgumentException("invalid environment variable: " + e);
    }
    if (!e.contains("=") && hostEnv.containsKey(e)) {
      a.add(e + "=" + hostEnv.get(e));
    } else {
      a.add(e);
    }
  }

  private static ObjectNode labels(CreateFlags f) {
    ObjectNode l = Json.object();
    for (String file : f.labelFiles) {
      for (String line : readLines(file)) {
        putLabel(l, line);
      }
    }
    for (String s : f.labels) {
      putLabel(l, s);
    }
    return l;
  }

  private static void putLabel(ObjectNode l, String s) {
    String[] kv = s.split("=", 2);
    l.put(kv[0], kv.length > 1 ? kv[1] : "");
  }

  /** Lines of an env or label file, without blanks and # comments. */
  static List<String> readLines(String file) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .map(String::stripLeading)
          .filter(s -> !s.isEmpty() && !s.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("open " + file
          + ": no such file or directory");
    }
  }

  static ArrayNode strings(List<String> l) {
    ArrayNode a = Json.array();
    l.forEach(a::add);
    return a;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

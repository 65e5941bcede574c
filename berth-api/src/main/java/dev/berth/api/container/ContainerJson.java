package dev.berth.api.container;

import dev.berth.api.http.Json;
import dev.berth.client.HumanDuration;
import dev.berth.engine.Container;
import dev.berth.engine.ContainerState;
import dev.berth.engine.ExecInstance;
import dev.berth.engine.HostConfig;
import dev.berth.oci.image.ImageConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers and execs in the Docker API's JSON shapes: {@code ContainerSummary} for {@code ps},
 * {@code ContainerInspectResponse} for inspect, the exec inspect body. Field order follows
 * moby's structs; the CLI's Go templates and docker-java read these names.
 */
final class ContainerJson {
  private ContainerJson() {}

  /** moby's {@code State.String()}: {@code Up 5 minutes}, {@code Exited (0) 2 minutes ago}. */
  static String status(ContainerState s, Instant now) {
    return status(s, null, now);
  }

  /** With a health check: {@code Up 5 minutes (healthy)}, {@code (health: starting)}. */
  static String status(ContainerState s, dev.berth.engine.Health health, Instant now) {
    if (s.running()) {
      String up = "Up " + HumanDuration.of(Duration.between(parse(s.startedAt()), now));
      if (s.paused()) {
        return up + " (Paused)";
      }
      if (health != null) {
        return up + (health.status().equals("starting") ? " (health: starting)"
            : " (" + health.status() + ")");
      }
      return up;
    }
    if (s.status().equals("created")) {
      return "Created";
    }
    if (s.status().equals("dead")) {
      return "Dead";
    }
    if (parse(s.finishedAt()).equals(Instant.EPOCH)) {
      return "Exited (" + s.exitCode() + ")";
    }
    return "Exited (" + s.exitCode() + ") "
        + HumanDuration.of(Duration.between(parse(s.finishedAt()), now)) + " ago";
  }

  private static Instant parse(String t) {
    if (t == null || t.equals(ContainerState.ZERO_TIME)) {
      return Instant.EPOCH;
    }
    return Instant.parse(t);
  }

  static String command(Container c) {
    List<String> all = new ArrayList<>();
    all.add(c.path());
    all.addAll(c.args());
    return String.join(" ", all);
  }

  static Map<String, Object> summary(Container c, Instant now) {
    return summary(c, null, now);
  }

  static Map<String, Object> summary(Container c, dev.berth.engine.Health health, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Names", List.of("/" + c.name()));
    m.put("Image", c.imageName());
    m.put("ImageID", c.imageId());
    m.put("Command", command(c));
    m.put("Created", Instant.parse(c.created()).getEpochSecond());
    m.put("Ports", List.of()); // with NetworkSettings, filled in by the caller from the engine
    m.put("Labels", c.config().labels());
    m.put("State", c.state().status());
    m.put("Status", status(c.state(), health, now));
    m.put("HostConfig", Map.of("NetworkMode", networkMode(c.hostConfig())));
    m.put("NetworkSettings", Map.of());
    m.put("Mounts", List.of());
    return m;
  }

  static String networkMode(HostConfig h) {
    return h.networkMode() == null || h.networkMode().isEmpty() ? "default" : h.networkMode();
  }

  static Map<String, Object> inspect(Container c, ImageConfig.ContainerConfig image,
      List<String> env, Map<String, String> paths, dev.berth.engine.Health health) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Created", c.created());
    m.put("Path", c.path());
    m.put("Args", c.args());
    if (health == null) {
      m.put("State", c.state());
    } else {
      Map<String, Object> state = Json.MAPPER.convertValue(c.state(),
          new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
      state.put("Health", health);
      m.put("State", state);
    }
    m.put("Image", c.imageId());
    m.put("ResolvConfPath", paths.get("resolv.conf"));
    m.put("HostnamePath", paths.get("hostname"));
    m.put("HostsPath", paths.get("hosts"));
    m.put("LogPath", paths.get("log"));
    m.put("Name", "/" + c.name());
    m.put("RestartCount", c.restartCount());
    m.put("Driver", "overlayfs");
    m.put("Platform", "linux");
    m.put("MountLabel", "");
    m.put("ProcessLabel", "");
    m.put("AppArmorProfile", "");
    m.put("ExecIDs", null); // filled in by the caller from the engine
    m.put("HostConfig", hostConfig(c.hostConfig()));
    m.put("GraphDriver", Map.of("Name", "overlayfs", "Data", Map.of()));
    m.put("Mounts", List.of());
    m.put("Config", config(c, image, env));
    m.put("NetworkSettings", Map.of()); // filled in by the caller from the engine
    return m;
  }

  private static Map<String, Object> hostConfig(HostConfig h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Binds", h.binds().isEmpty() ? null : h.binds());
    m.put("NetworkMode", networkMode(h));
    m.put("PortBindings", Map.of());
    m.put("RestartPolicy", h.restartPolicy());
    m.put("AutoRemove", h.autoRemove());
    m.put("CapAdd", h.capAdd().isEmpty() ? null : h.capAdd());
    m.put("CapDrop", h.capDrop().isEmpty() ? null : h.capDrop());
    m.put("Privileged", h.privileged());
    m.put("ReadonlyRootfs", h.readonlyRootfs());
    m.put("SecurityOpt", h.securityOpt().isEmpty() ? null : h.securityOpt());
    m.put("Tmpfs", h.tmpfs().isEmpty() ? null : h.tmpfs());
    m.put("Memory", h.memory());
    m.put("MemorySwap", h.memorySwap());
    m.put("NanoCpus", h.nanoCpus());
    m.put("CpuShares", h.cpuShares());
    m.put("CpusetCpus", h.cpusetCpus() == null ? "" : h.cpusetCpus());
    m.put("PidsLimit", h.pidsLimit());
    m.put("Init", h.init());
    m.put("LogConfig", Map.of("Type", "local", "Config", Map.of()));
    return m;
  }

  /** The config as Docker shows it: the image's defaults merged with the request. */
  private static Map<String, Object> config(Container c, ImageConfig.ContainerConfig image,
      List<String> env) {
    var cfg = c.config();
    boolean ownEntrypoint = cfg.entrypoint() != null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Hostname", cfg.hostname() == null || cfg.hostname().isEmpty() ? c.shortId()
        : cfg.hostname());
    m.put("Domainname", cfg.domainname() == null ? "" : cfg.domainname());
    m.put("User", cfg.user() != null && !cfg.user().isEmpty() ? cfg.user()
        : image == null || image.user() == null ? "" : image.user());
    m.put("AttachStdin", cfg.attachStdin());
    m.put("AttachStdout", cfg.attachStdout());
    m.put("AttachStderr", cfg.attachStderr());
    m.put("Tty", cfg.tty());
    m.put("OpenStdin", cfg.openStdin());
    m.put("StdinOnce", cfg.stdinOnce());
    m.put("Env", env);
    m.put("Cmd", cfg.cmd() != null && !cfg.cmd().isEmpty() ? cfg.cmd()
        : ownEntrypoint || image == null ? null : image.cmd());
    m.put("Image", c.imageName());
    m.put("Volumes", cfg.volumes());
    m.put("WorkingDir", cfg.workingDir() != null && !cfg.workingDir().isEmpty()
        ? cfg.workingDir() : image == null || image.workingDir() == null ? ""
        : image.workingDir());
    m.put("Entrypoint", ownEntrypoint ? cfg.entrypoint()
        : image == null ? null : image.entrypoint());
    m.put("OnBuild", null);
    Map<String, String> labels = new LinkedHashMap<>();
    if (image != null && image.labels() != null) {
      labels.putAll(image.labels());
    }
    labels.putAll(cfg.labels());
    m.put("Labels", labels);
    if (cfg.stopSignal() != null) {
      m.put("StopSignal", cfg.stopSignal());
    }
    if (cfg.stopTimeout() != null) {
      m.put("StopTimeout", cfg.stopTimeout());
    }
    return m;
  }

  static Map<String, Object> exec(ExecInstance e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", e.id());
    m.put("Running", e.running());
    m.put("ExitCode", e.exitCode());
    m.put("ProcessConfig", Map.of("tty", e.config().tty(), "entrypoint",
        e.config().cmd().getFirst(), "arguments",
        e.config().cmd().subList(1, e.config().cmd().size()), "privileged",
        e.config().privileged(), "user", e.config().user() == null ? "" : e.config().user()));
    m.put("OpenStdin", e.config().attachStdin());
    m.put("OpenStderr", e.config().attachStderr());
    m.put("OpenStdout", e.config().attachStdout());
    m.put("CanRemove", false);
    m.put("ContainerID", e.containerId());
    m.put("DetachKeys", "");
    m.put("Pid", e.pid());
    return m;
  }
}

package dev.berth.api.system;

import static dev.berth.api.http.Json.object;

import dev.berth.api.http.ApiVersion;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.error.BerthException;
import dev.berth.image.ImageService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /_ping}, {@code /version} and {@code /info} (docker-api.md §1). */
public final class SystemRoutes implements RouteGroup {
  static final String GIT_COMMIT = "berth";
  static final String BUILD_TIME = "2025-01-01T00:00:00.000000000+00:00";

  private final ImageService images;
  private final ContainerCounts containers;
  private final Path root;
  private final HostFacts host = HostFacts.read();
  private final String id;

  /** {@code root} is the daemon's data root: its id is kept there. */
  public SystemRoutes(ImageService images, ContainerCounts containers, Path root) {
    this.images = images;
    this.containers = containers;
    this.root = root;
    this.id = engineId(root);
  }

  @Override
  public void register(Router router) {
    router.get("/_ping", this::ping).head("/_ping", this::ping)
        .get("/version", this::version)
        .get("/info", this::info);
  }

  private void ping(Request req, Response res) {
    res.header("Builder-Version", "1").header("Swarm", "inactive")
        .header("Cache-Control", "no-cache, no-store, must-revalidate")
        .header("Pragma", "no-cache");
    res.text(200, "text/plain; charset=utf-8", req.method().equals("HEAD") ? "" : "OK");
  }

  private void version(Request req, Response res) {
    String go = "go1.21.0";
    Map<String, Object> details = object("ApiVersion", ApiVersion.MAX, "Arch",
        HostFacts.goArch(), "BuildTime", BUILD_TIME, "Experimental", "false", "GitCommit",
        GIT_COMMIT, "GoVersion", go, "KernelVersion", host.kernelVersion(), "MinAPIVersion",
        ApiVersion.MIN, "Os", "linux");
    res.json(200, object(
        "Platform", Map.of("Name", "Berth Engine"),
        "Components", List.of(object("Name", "Engine", "Version", ApiVersion.ENGINE_VERSION,
            "Details", details)),
        "Version", ApiVersion.ENGINE_VERSION,
        "ApiVersion", ApiVersion.MAX,
        "MinAPIVersion", ApiVersion.MIN,
        "GitCommit", GIT_COMMIT,
        "GoVersion", go,
        "Os", "linux",
        "Arch", HostFacts.goArch(),
        "KernelVersion", host.kernelVersion(),
        "BuildTime", BUILD_TIME));
  }

  private void info(Request req, Response res) {
    ContainerCounts.Counts c = containers.counts();
    int imageCount = images.list(true, Map.of()).size();
    res.json(200, object(
        "ID", id,
        "Containers", c.total(),
        "ContainersRunning", c.running(),
        "ContainersPaused", c.paused(),
        "ContainersStopped", c.stopped(),
        "Images", imageCount,
        "Driver", "overlayfs",
        "DriverStatus", List.of(),
        "Plugins", object("Volume", List.of("local"), "Network",
            List.of("bridge", "host", "null"), "Authorization", null, "Log",
            List.of("json-file")),
        "MemoryLimit", true,
        "SwapLimit", false,
        "CpuCfsPeriod", true,
        "CpuCfsQuota", true,
        "CPUShares", true,
        "CPUSet", true,
        "PidsLimit", true,
        "IPv4Forwarding", true,
        "Debug", false,
        "NFd", 0,
        "OomKillDisable", false,
        "NGoroutines", Thread.activeCount(),
        "SystemTime", OffsetDateTime.now(ZoneOffset.UTC).toString(),
        "LoggingDriver", "json-file",
        "CgroupDriver", "cgroupfs",
        "CgroupVersion", host.cgroupVersion(),
        "NEventsListener", 0,
        "KernelVersion", host.kernelVersion(),
        "OperatingSystem", host.operatingSystem(),
        "OSVersion", host.osVersion(),
        "OSType", "linux",
        "Architecture", HostFacts.unameArch(),
        "IndexServerAddress", "https://index.docker.io/v1/",
        "RegistryConfig", object("IndexConfigs", Map.of(), "InsecureRegistryCIDRs",
            List.of("127.0.0.0/8"), "Mirrors", List.of()),
        "NCPU", host.ncpu(),
        "MemTotal", host.memTotal(),
        "DockerRootDir", root.toString(),
        "HttpProxy", "",
        "HttpsProxy", "",
        "NoProxy", "",
        "Name", host.hostname(),
        "Labels", List.of(),
        "ExperimentalBuild", false,
        "ServerVersion", ApiVersion.ENGINE_VERSION,
        "Runtimes", Map.of("berth", Map.of("path", "berth-runtime")),
        "DefaultRuntime", "berth",
        "Swarm", object("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive",
            "ControlAvailable", false, "Error", "", "RemoteManagers", null),
        "LiveRestoreEnabled", false,
        "Isolation", "",
        "InitBinary", "",
        "SecurityOptions", List.of("name=seccomp,profile=builtin"),
        "Warnings", List.of()));
  }

  /** The daemon's id, made once and kept under the root as dockerd keeps its engine id. */
  private static String engineId(Path root) {
    Path file = root.resolve("engine-id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      String made = UUID.randomUUID().toString();
      Files.createDirectories(root);
      Path tmp = root.resolve("engine-id.tmp");
      Files.writeString(tmp, made + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return made;
    } catch (IOException e) {
      throw BerthException.system("keeping the engine id in " + file + ": " + e.getMessage(), e);
    }
  }
}

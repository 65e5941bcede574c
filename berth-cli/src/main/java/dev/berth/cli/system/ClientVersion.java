package dev.berth.cli.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.format.JsonRow;
import dev.berth.client.DockerClient;
import dev.berth.client.Json;
import java.util.Map;

/**
 * The Client half of {@code berth version} and {@code berth info}: docker's JSON keys in its
 * struct order ({@code ApiVersion}) and its Go field names for templates
 * ({@code .Client.APIVersion}). Berth is not written in Go: GoVersion carries the Java
 * runtime's version instead.
 */
final class ClientVersion {
  static final String PLATFORM = "Berth";

  private ClientVersion() {}

  static ObjectNode json(String apiVersion) {
    ObjectNode v = Json.object();
    v.putObject("Platform").put("Name", PLATFORM);
    v.put("Version", Cli.VERSION);
    v.put("ApiVersion", apiVersion);
    v.put("DefaultAPIVersion", DockerClient.API_VERSION);
    v.put("GitCommit", gitCommit());
    v.put("GoVersion", "java" + Runtime.version());
    v.put("Os", "linux");
    v.put("Arch", arch());
    String built = buildTime();
    if (!built.isEmpty()) {
      v.put("BuildTime", built);
    }
    v.put("Context", "default");
    return v;
  }

  static JsonRow row(String apiVersion) {
    ObjectNode v = json(apiVersion);
    return new JsonRow(v, "system.clientVersion", Map.of(),
        Map.of("APIVersion", apiVersion, "BuildTime", ""));
  }

  static String arch() {
    String a = System.getProperty("os.arch");
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }

  /** When the CLI's jar (or classes) was built, as docker prints it (ANSI C). */
  private static String buildTime() {
    try {
      var source = ClientVersion.class.getProtectionDomain().getCodeSource();
      var modified = java.nio.file.Files.getLastModifiedTime(java.nio.file.Path.of(source.getLocation().toURI()));
      return java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT)
          .format(modified.toInstant().atZone(java.time.ZoneId.systemDefault()));
    } catch (Exception e) {
      return "";
    }
  }

  private static String gitCommit() {
    String v = Cli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}

package dev.berth.cli.system;

import dev.berth.cli.Cli;
import dev.berth.cli.format.Row;
import dev.berth.client.DockerClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Client half of {@code berth version} and {@code berth info}, with docker's field names
 * ({@code .Client.APIVersion}) and JSON keys ({@code ApiVersion}). Berth is not written in Go:
 * GoVersion carries the Java runtime's version instead.
 */
final class ClientVersion implements Row {
  static final String PLATFORM = "Berth";
  private final Map<String, Object> fields = new LinkedHashMap<>();

  ClientVersion(String apiVersion) {
    fields.put("Platform", Map.of("Name", PLATFORM));
    fields.put("Version", Cli.VERSION);
    fields.put("APIVersion", apiVersion);
    fields.put("DefaultAPIVersion", DockerClient.API_VERSION);
    fields.put("GitCommit", gitCommit());
    fields.put("GoVersion", "java" + Runtime.version());
    fields.put("Os", "linux");
    fields.put("Arch", arch());
    fields.put("BuildTime", buildTime());
    fields.put("Context", "default");
  }

  @Override
  public Object field(String name, List<Object> args) {
    if (!fields.containsKey(name)) {
      return NO_FIELD;
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(name + " is not a method but has arguments");
    }
    return fields.get(name);
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (!(v instanceof String s && s.isEmpty()) || k.equals("Context")) {
        m.put(k.equals("APIVersion") ? "ApiVersion" : k, v);
      }
    });
    return m;
  }

  @Override
  public String typeName() {
    return "system.clientVersion";
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

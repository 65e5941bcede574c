package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.error.BerthException;
import java.util.List;
import java.util.Map;

/**
 * The image config blob (OCI {@code config.json}, Docker image JSON v1.2): the platform, the
 * defaults of a container made from the image, the layer diff ids and the build history. JSON
 * names are Docker's, capitalised inside {@code config}. Properties this record does not model
 * ({@code container_config}, {@code docker_version}, {@code Hostname}, …) are kept in {@code
 * extra} and written back, so a config round-trips in content; a JSON {@code null} is read as
 * absent and not written.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant", "created",
    "author", "config", "rootfs", "history"})
public record ImageConfig(
    String architecture,
    String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    String variant,
    String created,
    String author,
    ContainerConfig config,
    RootFs rootfs,
    List<History> history,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public ImageConfig {
    if (architecture == null || architecture.isEmpty()) {
      throw BerthException.invalid("image config: architecture is missing");
    }
    if (os == null || os.isEmpty()) {
      throw BerthException.invalid("image config: os is missing");
    }
    osFeatures = Copies.list(osFeatures);
    history = Copies.list(history);
    extra = extra == null ? Map.of() : Copies.map(extra);
  }

  public static ImageConfig parse(byte[] json) {
    return Json.read(json, ImageConfig.class, "parsing image config");
  }

  public byte[] toJson() {
    return Json.write(this);
  }

  /** The platform this image is built for. */
  public Platform platform() {
    return new Platform(architecture, os, osVersion, osFeatures, variant);
  }

  /** {@code config}: defaults for a container run from the image. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes",
      "WorkingDir", "Labels", "StopSignal", "Healthcheck", "OnBuild", "Shell", "ArgsEscaped"})
  public record ContainerConfig(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("Healthcheck") Healthcheck healthcheck,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Shell") List<String> shell,
      @JsonProperty("ArgsEscaped") Boolean argsEscaped,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ContainerConfig {
      exposedPorts = emptyValues(exposedPorts);
      env = Copies.list(env);
      entrypoint = Copies.list(entrypoint);
      cmd = Copies.list(cmd);
      volumes = emptyValues(volumes);
      labels = Copies.map(labels);
      onBuild = Copies.list(onBuild);
      shell = Copies.list(shell);
      extra = extra == null ? Map.of() : Copies.map(extra);
    }

    /** Docker writes sets as objects with empty values: {@code {"80/tcp": {}}}. */
    private static Map<String, Map<String, Object>> emptyValues(Map<String, Map<String, Object>> m) {
      if (m == null) {
        return null;
      }
      var copy = new java.util.LinkedHashMap<String, Map<String, Object>>();
      m.keySet().forEach(k -> copy.put(k, Map.of()));
      return java.util.Collections.unmodifiableMap(copy);
    }
  }

  /** {@code Healthcheck}; durations are nanoseconds, as Go writes them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Healthcheck(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") Long interval,
      @JsonProperty("Timeout") Long timeout,
      @JsonProperty("StartPeriod") Long startPeriod,
      @JsonProperty("StartInterval") Long startInterval,
      @JsonProperty("Retries") Integer retries) {

    public Healthcheck {
      test = Copies.list(test);
    }
  }

  /** {@code rootfs}: type is always {@code layers}; diff ids are the uncompressed layer digests. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
    public RootFs {
      if (!"layers".equals(type)) {
        throw BerthException.invalid("image config: rootfs type \"" + type
            + "\" is not \"layers\"");
      }
      diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }

    public static RootFs of(List<Digest> diffIds) {
      return new RootFs("layers", diffIds);
    }
  }

  /** One build step of {@code history}; empty layers made no layer of their own. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record History(
      String created,
      @JsonProperty("created_by") String createdBy,
      String author,
      String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}
}

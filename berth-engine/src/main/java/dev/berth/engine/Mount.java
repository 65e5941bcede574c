package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Docker's {@code HostConfig.Mounts[]} ({@code --mount}): a bind, a volume or a tmpfs at
 * {@code Target}, with the options of its type.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(
    @JsonProperty("Type") String type,
    @JsonProperty("Source") String source,
    @JsonProperty("Target") String target,
    @JsonProperty("ReadOnly") boolean readOnly,
    @JsonProperty("BindOptions") BindOptions bindOptions,
    @JsonProperty("VolumeOptions") VolumeOptions volumeOptions,
    @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BindOptions(
      @JsonProperty("Propagation") String propagation,
      @JsonProperty("CreateMountpoint") boolean createMountpoint) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeOptions(
      @JsonProperty("NoCopy") boolean noCopy,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("DriverConfig") DriverConfig driverConfig) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DriverConfig(
      @JsonProperty("Name") String name,
      @JsonProperty("Options") Map<String, String> options) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TmpfsOptions(
      @JsonProperty("SizeBytes") long sizeBytes,
      @JsonProperty("Mode") int mode) {}
}

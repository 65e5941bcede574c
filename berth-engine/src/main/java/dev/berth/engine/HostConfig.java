package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's {@code HostConfig}: how the host runs the container (mounts, limits, security,
 * network mode, removal and restart). Zero or null means unset, as in Docker.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
    @JsonProperty("Binds") List<String> binds,
    @JsonProperty("NetworkMode") String networkMode,
    @JsonProperty("AutoRemove") boolean autoRemove,
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("Memory") long memory,
    @JsonProperty("MemorySwap") long memorySwap,
    @JsonProperty("NanoCpus") long nanoCpus,
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("CpusetCpus") String cpusetCpus,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
    @JsonProperty("CapAdd") List<String> capAdd,
    @JsonProperty("CapDrop") List<String> capDrop,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("Tmpfs") Map<String, String> tmpfs,
    @JsonProperty("Init") Boolean init,
    @JsonProperty("Ulimits") List<Ulimit> ulimits,
    @JsonProperty("LogConfig") LogConfig logConfig,
    @JsonProperty("Mounts") List<Mount> mounts,
    @JsonProperty("VolumesFrom") List<String> volumesFrom,
    @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
    @JsonProperty("PublishAllPorts") boolean publishAllPorts,
    @JsonProperty("Dns") List<String> dns,
    @JsonProperty("DnsSearch") List<String> dnsSearch,
    @JsonProperty("DnsOptions") List<String> dnsOptions,
    @JsonProperty("ExtraHosts") List<String> extraHosts,
    @JsonProperty("CgroupParent") String cgroupParent) {

  public HostConfig {
    binds = binds == null ? List.of() : List.copyOf(binds);
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
    tmpfs = tmpfs == null ? Map.of() : Map.copyOf(tmpfs);
    restartPolicy = restartPolicy == null ? new RestartPolicy("no", 0) : restartPolicy;
    ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
    portBindings = portBindings == null ? Map.of() : Map.copyOf(portBindings);
    dns = dns == null ? List.of() : List.copyOf(dns);
    dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
  }

  /** The fields Docker had before mounts, ports and DNS options: the rest unset. */
  public HostConfig(List<String> binds, String networkMode, boolean autoRemove,
      RestartPolicy restartPolicy, long memory, long memorySwap, long nanoCpus, long cpuShares,
      String cpusetCpus, Long pidsLimit, boolean privileged, boolean readonlyRootfs,
      List<String> capAdd, List<String> capDrop, List<String> securityOpt,
      Map<String, String> tmpfs, Boolean init, List<Ulimit> ulimits, LogConfig logConfig) {
    this(binds, networkMode, autoRemove, restartPolicy, memory, memorySwap, nanoCpus, cpuShares,
        cpusetCpus, pidsLimit, privileged, readonlyRootfs, capAdd, capDrop, securityOpt, tmpfs,
        init, ulimits, logConfig, null, null, null, false, null, null, null, null, null);
  }

  /** {@code docker update}: these limits and restart policy, everything else as it was. */
  public HostConfig withLimits(RestartPolicy restart, long memory, long memorySwap,
      long nanoCpus, long cpuShares, String cpusetCpus, Long pidsLimit) {
    return new HostConfig(binds, networkMode, autoRemove, restart, memory, memorySwap, nanoCpus,
        cpuShares, cpusetCpus, pidsLimit, privileged, readonlyRootfs, capAdd, capDrop,
        securityOpt, tmpfs, init, ulimits, logConfig, mounts, volumesFrom, portBindings,
        publishAllPorts, dns, dnsSearch, dnsOptions, extraHosts, cgroupParent);
  }

  /** Nothing set: Docker's defaults. */
  public static HostConfig defaults() {
    return new HostConfig(null, null, false, null, 0, 0, 0, 0, null, null, false, false, null,
        null, null, null, null, null, null);
  }

  /** {@code --ulimit nofile=1024:2048}: a resource by its short name, soft and hard. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ulimit(
      @JsonProperty("Name") String name,
      @JsonProperty("Soft") long soft,
      @JsonProperty("Hard") long hard) {}

  /**
   * {@code --log-driver}/{@code --log-opt}: only the local file log is kept, with {@code
   * max-size} ({@code 10m}) and {@code max-file}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LogConfig(
      @JsonProperty("Type") String type,
      @JsonProperty("Config") Map<String, String> config) {
    public LogConfig {
      config = config == null ? Map.of() : Map.copyOf(config);
    }
  }

  /** {@code no}, {@code always}, {@code on-failure} (with a count) or {@code unless-stopped}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RestartPolicy(
      @JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
    public RestartPolicy {
      name = name == null || name.isEmpty() ? "no" : name;
    }
  }
}

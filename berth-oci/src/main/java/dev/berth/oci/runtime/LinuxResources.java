package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code linux.resources}: cgroup limits. Absent values (null) leave the kernel default. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxResources(
    List<DeviceRule> devices,
    Memory memory,
    Cpu cpu,
    Pids pids,
    BlockIO blockIO,
    Map<String, String> unified) {

  public LinuxResources {
    devices = devices == null ? List.of() : List.copyOf(devices);
    unified = unified == null ? Map.of() : Map.copyOf(unified);
  }

  public static LinuxResources none() {
    return new LinuxResources(null, null, null, null, null, null);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Memory(Long limit, Long reservation, Long swap, Long swappiness, Boolean disableOOMKiller) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(Long shares, Long quota, Long period, String cpus, String mems, Long realtimeRuntime, Long realtimePeriod) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pids(long limit) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockIO(
      Integer weight,
      Integer leafWeight,
      List<WeightDevice> weightDevice,
      List<ThrottleDevice> throttleReadBpsDevice,
      List<ThrottleDevice> throttleWriteBpsDevice,
      List<ThrottleDevice> throttleReadIOPSDevice,
      List<ThrottleDevice> throttleWriteIOPSDevice) {
    public BlockIO {
      weightDevice = weightDevice == null ? List.of() : List.copyOf(weightDevice);
      throttleReadBpsDevice = throttleReadBpsDevice == null ? List.of() : List.copyOf(throttleReadBpsDevice);
      throttleWriteBpsDevice = throttleWriteBpsDevice == null ? List.of() : List.copyOf(throttleWriteBpsDevice);
      throttleReadIOPSDevice = throttleReadIOPSDevice == null ? List.of() : List.copyOf(throttleReadIOPSDevice);
      throttleWriteIOPSDevice = throttleWriteIOPSDevice == null ? List.of() : List.copyOf(throttleWriteIOPSDevice);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ThrottleDevice(long major, long minor, long rate) {}
}

package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code linux}: namespaces, id maps, devices, cgroup resources, seccomp and path rules. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Linux(
    List<Namespace> namespaces,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    List<Device> devices,
    String cgroupsPath,
    LinuxResources resources,
    Map<String, String> sysctl,
    Seccomp seccomp,
    String rootfsPropagation,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String mountLabel) {

  public Linux {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    uidMappings = uidMappings == null ? List.of() : List.copyOf(uidMappings);
    gidMappings = gidMappings == null ? List.of() : List.copyOf(gidMappings);
    devices = devices == null ? List.of() : List.copyOf(devices);
    sysctl = sysctl == null ? Map.of() : Map.copyOf(sysctl);
    maskedPaths = maskedPaths == null ? List.of() : List.copyOf(maskedPaths);
    readonlyPaths = readonlyPaths == null ? List.of() : List.copyOf(readonlyPaths);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Namespace(String type, String path) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IdMapping(long containerID, long hostID, long size) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Device(String type, String path, long major, long minor, Integer fileMode, Long uid, Long gid) {}

  public Linux withSeccomp(Seccomp s) {
    return new Linux(namespaces, uidMappings, gidMappings, devices, cgroupsPath, resources, sysctl,
        s, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel);
  }

  public Linux withResources(LinuxResources r) {
    return new Linux(namespaces, uidMappings, gidMappings, devices, cgroupsPath, r, sysctl,
        seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel);
  }
}

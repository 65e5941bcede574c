package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The whole {@code config.json} of a bundle (OCI runtime spec 1.2). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeConfig(
    String ociVersion,
    Root root,
    List<Mount> mounts,
    Process process,
    String hostname,
    String domainname,
    Hooks hooks,
    Map<String, String> annotations,
    Linux linux) {

  public RuntimeConfig {
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Root(String path, boolean readonly) {}

  public RuntimeConfig withProcess(Process p) {
    return new RuntimeConfig(ociVersion, root, mounts, p, hostname, domainname, hooks, annotations, linux);
  }

  public RuntimeConfig withLinux(Linux l) {
    return new RuntimeConfig(ociVersion, root, mounts, process, hostname, domainname, hooks, annotations, l);
  }
}

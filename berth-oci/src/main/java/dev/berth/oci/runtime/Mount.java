package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One entry of {@code mounts}: mounted in order, destination inside the container. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(String destination, String type, String source, List<String> options) {
  public Mount {
    options = options == null ? List.of() : List.copyOf(options);
  }
}

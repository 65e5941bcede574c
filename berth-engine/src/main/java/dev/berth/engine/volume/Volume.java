package dev.berth.engine.volume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A volume as the store records it: Docker's {@code Volume} minus what is measured on demand.
 *
 * @param mountpoint {@code <root>/volumes/<name>/_data}, where the data lives (or where the
 *     local driver mounts the file system its options name)
 * @param createdAt RFC 3339, as clients (Ryuk) parse it
 * @param options the local driver's {@code type}, {@code device} and {@code o}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Volume(
    String name,
    String driver,
    String mountpoint,
    String createdAt,
    Map<String, String> labels,
    Map<String, String> options) {

  /** The label Docker 23+ puts on the volumes it makes for a container. */
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

  public Volume {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** Made for a container ({@code VOLUME}, {@code -v /path}) rather than by name. */
  public boolean anonymous() {
    return labels.containsKey(ANONYMOUS_LABEL);
  }
}

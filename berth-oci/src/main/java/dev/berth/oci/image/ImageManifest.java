package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.error.BerthException;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: one config and its layers, lowest first. Covers the OCI image manifest and
 * Docker v2 schema 2, which share this JSON shape.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject",
    "annotations"})
public record ImageManifest(
    int schemaVersion,
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations) implements ManifestDocument {

  public ImageManifest {
    if (schemaVersion != 2) {
      throw BerthException.invalid("image manifest: unsupported schemaVersion " + schemaVersion
          + " (expected 2)");
    }
    if (mediaType != null && !MediaTypes.isManifest(mediaType)) {
      throw BerthException.invalid("image manifest: unexpected mediaType \"" + mediaType + "\"");
    }
    if (config == null) {
      throw BerthException.invalid("image manifest: config descriptor is missing");
    }
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = Copies.map(annotations);
  }

  /** An OCI manifest of {@code config} and {@code layers}. */
  public static ImageManifest oci(Descriptor config, List<Descriptor> layers) {
    return new ImageManifest(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
  }

  /** Whether this is a Docker schema 2 manifest rather than OCI. */
  public boolean docker() {
    return MediaTypes.DOCKER_MANIFEST.equals(MediaTypes.base(mediaType));
  }
}

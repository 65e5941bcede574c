package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.error.BerthException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An image index (OCI) or manifest list (Docker): one manifest per platform. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject",
    "annotations"})
public record ImageIndex(
    int schemaVersion,
    String mediaType,
    String artifactType,
    List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations) implements ManifestDocument {

  public ImageIndex {
    if (schemaVersion != 2) {
      throw BerthException.invalid("image index: unsupported schemaVersion " + schemaVersion
          + " (expected 2)");
    }
    if (mediaType != null && !MediaTypes.isIndex(mediaType)) {
      throw BerthException.invalid("image index: unexpected mediaType \"" + mediaType + "\"");
    }
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = Copies.map(annotations);
  }

  /**
   * The first manifest whose platform matches {@code wanted} (see {@link Platform#matches});
   * none is a NOT_FOUND error listing the platforms the index has.
   */
  public Descriptor select(Platform wanted) {
    for (Descriptor d : manifests) {
      if (d.platform() != null && d.platform().matches(wanted)) {
        return d;
      }
    }
    String available = manifests.stream()
        .map(d -> d.platform() == null ? "(no platform)" : d.platform().toString())
        .collect(Collectors.joining(", "));
    throw BerthException.notFound("no manifest for platform " + wanted + " in index; available: "
        + (available.isEmpty() ? "none" : available));
  }
}

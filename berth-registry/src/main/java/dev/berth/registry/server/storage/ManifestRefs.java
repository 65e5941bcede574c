package dev.berth.registry.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a manifest (image manifest, index, Docker v2 or list, artifact) points at, read leniently
 * from its JSON: the registry stores manifests byte for byte and only needs their edges.
 *
 * @param mediaType the manifest's own media type field, empty when the body has none
 * @param blobs config, layers and {@code blobs} (artifacts) that must be present, in order
 * @param manifests index children
 * @param subject the manifest this one refers to, if any
 * @param artifactType the artifact type a referrers list shows for it
 */
public record ManifestRefs(String mediaType, List<Digest> blobs, List<Digest> manifests,
    Optional<Digest> subject, String artifactType, JsonNode annotations) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static ManifestRefs parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw invalid("manifest is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    if (root.path("schemaVersion").asInt(-1) != 2) {
      throw invalid("schemaVersion must be 2, got " + root.path("schemaVersion"));
    }
    String mediaType = root.path("mediaType").asText("");
    List<Digest> blobs = new ArrayList<>();
    if (root.has("config")) {
      blobs.add(digestOf(root.get("config"), "config"));
    }
    for (String field : List.of("layers", "blobs")) {
      for (JsonNode layer : root.path(field)) {
        if (layer.path("urls").isArray() && !layer.path("urls").isEmpty()) {
          continue; // a foreign layer lives elsewhere by design
        }
        blobs.add(digestOf(layer, field));
      }
    }
    List<Digest> manifests = new ArrayList<>();
    for (JsonNode child : root.path("manifests")) {
      manifests.add(digestOf(child, "manifests"));
    }
    Optional<Digest> subject = root.has("subject")
        ? Optional.of(digestOf(root.get("subject"), "subject")) : Optional.empty();
    String artifactType = root.path("artifactType").asText("");
    if (artifactType.isEmpty() && root.has("config")) {
      artifactType = root.get("config").path("mediaType").asText("");
    }
    return new ManifestRefs(mediaType, List.copyOf(blobs), List.copyOf(manifests), subject,
        artifactType, root.get("annotations"));
  }

  /** The declared media type, else the OCI type the shape says (an index has manifests). */
  public String inferredType() {
    if (!mediaType.isEmpty()) {
      return mediaType;
    }
    return manifests.isEmpty() && !blobs.isEmpty() ? MediaTypes.OCI_MANIFEST
        : manifests.isEmpty() ? MediaTypes.OCI_MANIFEST : MediaTypes.OCI_INDEX;
  }

  private static Digest digestOf(JsonNode descriptor, String field) {
    if (!descriptor.isObject() || !descriptor.path("digest").isTextual()) {
      throw invalid(field + " entry has no digest");
    }
    try {
      return Digest.parse(descriptor.get("digest").asText());
    } catch (BerthException e) {
      throw invalid(field + ": " + e.getMessage());
    }
  }

  private static RegistryException invalid(String message) {
    return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
  }
}

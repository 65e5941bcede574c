package dev.berth.registry.server;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.nio.charset.StandardCharsets;

/** Small manifests for tests, built as text so the bytes (and digests) are exactly known. */
public final class TestImages {
  private TestImages() {}

  public static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + "}";
  }

  public static byte[] manifest(Digest config, long configSize, Digest layer, long layerSize) {
    String layers = layer == null ? "" : descriptor(MediaTypes.OCI_LAYER_GZIP, layer, layerSize);
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaTypes.OCI_CONFIG, config, configSize) + ",\"layers\":[" + layers + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An artifact manifest with a subject, for the referrers API. */
  public static byte[] referrer(String artifactType, Digest emptyConfig, Digest subject,
      long subjectSize, String annotation) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"artifactType\":\"" + artifactType + "\",\"config\":"
        + descriptor(MediaTypes.OCI_EMPTY, emptyConfig, 2) + ",\"layers\":[" 
        + descriptor(MediaTypes.OCI_EMPTY, emptyConfig, 2) + "],\"subject\":"
        + descriptor(MediaTypes.OCI_MANIFEST, subject, subjectSize)
        + ",\"annotations\":{\"org.example.note\":\"" + annotation + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

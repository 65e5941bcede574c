package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.error.BerthException;
import java.util.List;
import java.util.Map;

/**
 * A typed, sized, content-addressed reference to a blob: what manifests and indexes are made of.
 * {@code data} is the optional base64 embedding of the content (image-spec 1.1).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Map<String, String> annotations,
    Platform platform,
    String artifactType,
    String data) {

  public Descriptor {
    if (mediaType == null || mediaType.isBlank()) {
      throw BerthException.invalid("descriptor " + digest + ": mediaType is empty");
    }
    if (digest == null) {
      throw BerthException.invalid("descriptor of type " + mediaType + ": digest is missing");
    }
    if (size < 0) {
      throw BerthException.invalid("descriptor " + digest + ": size " + size + " is negative");
    }
    urls = Copies.list(urls);
    annotations = Copies.map(annotations);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null, null, null);
  }

  public Descriptor withPlatform(Platform p) {
    return new Descriptor(mediaType, digest, size, urls, annotations, p, artifactType, data);
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, urls, a, platform, artifactType, data);
  }
}

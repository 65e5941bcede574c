package dev.berth.oci.image;

import java.util.Map;

/** What a manifest endpoint returns: an image manifest or an index of them. */
public sealed interface ManifestDocument permits ImageManifest, ImageIndex {
  int schemaVersion();

  /** The media type as written in the JSON; may be null for OCI documents. */
  String mediaType();

  Map<String, String> annotations();
}

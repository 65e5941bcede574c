package dev.berth.image.archive;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import java.util.List;
import java.util.Objects;

/**
 * One image read from an archive. Its manifest, config and layers are all in the content store.
 *
 * @param manifest the stored image manifest
 * @param parsed that manifest, parsed
 * @param config the image config, parsed
 * @param configDigest the stored config blob
 * @param repoTags the names as the archive wrote them ({@code busybox:latest} or full
 *     references), not normalised
 */
public record ArchiveImage(
    Descriptor manifest,
    ImageManifest parsed,
    ImageConfig config,
    Digest configDigest,
    List<String> repoTags) {

  public ArchiveImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configDigest, "configDigest");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
  }
}

package dev.berth.image.archive;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import java.util.List;
import java.util.Objects;

/**
 * One image to write with {@link ArchiveWriter}: its stored manifest and config, and its names.
 *
 * @param manifest the image manifest whose layer blobs are in the store (any compression)
 * @param config the parsed config; its diff_ids name the uncompressed layers
 * @param configDigest the stored config blob, written byte for byte
 * @param repoTags familiar tagged names for {@code manifest.json}, e.g. {@code busybox:latest}
 * @param names full references for {@code index.json}, e.g. {@code
 *     docker.io/library/busybox:latest}
 */
public record SaveImage(
    ImageManifest manifest,
    ImageConfig config,
    Digest configDigest,
    List<String> repoTags,
    List<String> names) {

  public SaveImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configDigest, "configDigest");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    names = names == null ? List.of() : List.copyOf(names);
  }
}

package dev.berth.image.pull;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import java.util.List;
import java.util.Objects;

/**
 * An image whose blobs a {@link ImageSource} has put in the content store.
 *
 * @param manifest the stored manifest as pulled (its digest is the registry's)
 * @param parsed that manifest, parsed
 * @param config the image config, parsed; its blob is {@code parsed.config()}
 * @param names fully normalised names to point at the image: {@code name:tag} and the repo
 *     digest {@code name@sha256:…}
 */
public record PulledImage(Descriptor manifest, ImageManifest parsed, ImageConfig config,
    List<String> names) {
  public PulledImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(config, "config");
    names = List.copyOf(names);
  }
}

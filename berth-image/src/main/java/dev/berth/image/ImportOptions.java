package dev.berth.image;

import dev.berth.oci.image.Platform;
import java.util.List;

/**
 * How {@code docker import} makes an image from a root file system tarball.
 *
 * @param reference the name to give it ({@code repo[:tag]}), or null for an untagged image
 * @param changes Dockerfile instructions applied to its config ({@code --change})
 * @param message the history comment ({@code --message}); null means "Imported from " + source
 * @param platform the image's platform, null for the host's
 * @param source where the tarball came from, for the default message ({@code -} for stdin)
 */
public record ImportOptions(String reference, List<String> changes, String message,
    Platform platform, String source) {
  public ImportOptions {
    changes = changes == null ? List.of() : List.copyOf(changes);
    source = source == null ? "-" : source;
  }

  public static ImportOptions named(String reference) {
    return new ImportOptions(reference, List.of(), null, null, "-");
  }
}

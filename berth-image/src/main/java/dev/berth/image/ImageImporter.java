package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.image.change.ConfigChanges;
import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.LayerDecompression;
import dev.berth.image.unpack.UnpackResult;
import dev.berth.image.unpack.Unpacker;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code docker import}: a root file system tarball becomes an image of one layer. The tarball is
 * stored as it came (plain, gzip or zstd), its diff_id computed, and a config (host platform
 * unless asked, {@code --change}s applied, one history entry carrying the message) and OCI
 * manifest written around it; the layer is then unpacked like any other.
 */
final class ImageImporter {
  record Imported(Digest id, Descriptor manifest, UnpackResult unpacked) {}

  private final ContentStore content;
  private final Unpacker unpacker;

  ImageImporter(ContentStore content, Unpacker unpacker) {
    this.content = content;
    this.unpacker = unpacker;
  }

  Imported importTarball(InputStream tarball, ImportOptions options) {
    Digest blob = content.put(tarball, null);
    long blobSize = content.info(blob).size();
    Compression compression;
    Digest diffId;
    try (InputStream in = new BufferedInputStream(content.open(blob), 1 << 16)) {
      compression = LayerDecompression.sniff(in);
      diffId = compression == Compression.NONE ? blob
          : Digest.sha256(LayerDecompression.open(in, compression));
    } catch (IOException e) {
      throw BerthException.invalid("import: the tarball is not a valid tar, tar.gz or tar.zst"
          + " stream: " + e.getMessage());
    }
    Platform platform = options.platform() == null ? Platform.host() : options.platform();
    String created = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    String message = options.message() == null ? "Imported from " + options.source()
        : options.message();
    ImageConfig.ContainerConfig config = ConfigChanges.apply(null, options.changes());
    ImageConfig image = new ImageConfig(platform.architecture(), platform.os(),
        platform.osVersion(), platform.osFeatures(), platform.variant(), created, null, config,
        ImageConfig.RootFs.of(List.of(diffId)),
        List.of(new ImageConfig.History(created, null, null, message, null)),
        options.message() == null ? Map.of() : Map.of("comment", options.message()));
    byte[] configJson = image.toJson();
    Digest configDigest = content.put(configJson);
    String layerType = MediaTypes.ociLayer(compression);
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length),
        List.of(Descriptor.of(layerType, blob, blobSize)));
    byte[] manifestJson = ManifestParser.write(manifest);
    Digest manifestDigest = content.put(manifestJson);
    UnpackResult unpacked = unpacker.unpack(manifest, image);
    return new Imported(configDigest,
        Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifestJson.length), unpacked);
  }
}

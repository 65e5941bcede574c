package dev.berth.image;

import dev.berth.image.content.ContentProvider;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.unpack.ChainIds;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** An image record with its manifest, config and names read back: what the queries work on. */
record ImageView(ImageRecord record, ImageManifest manifest, ImageConfig config,
    List<String> names) {

  static ImageView read(ImageRecord record, ContentProvider content, List<String> names) {
    ImageManifest manifest = (ImageManifest) ManifestParser.parse(
        bytes(content, record.manifest().digest()), record.manifest().mediaType());
    ImageConfig config = ImageConfig.parse(bytes(content, manifest.config().digest()));
    return new ImageView(record, manifest, config, names);
  }

  static byte[] bytes(ContentProvider content, Digest digest) {
    try (InputStream in = content.open(digest)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw dev.berth.error.BerthException.system("reading " + digest + ": " + e.getMessage(), e);
    }
  }

  Digest id() {
    return record.id();
  }

  List<Digest> chainIds() {
    return ChainIds.of(config.rootfs() == null ? List.of() : config.rootfs().diffIds());
  }

  /** Familiar {@code name:tag}s. */
  List<String> repoTags() {
    return names.stream().filter(n -> n.indexOf('@') < 0)
        .map(n -> ImageReference.parse(n).familiar()).toList();
  }

  /** Familiar {@code name@digest}s. */
  List<String> repoDigests() {
    return names.stream().filter(n -> n.indexOf('@') >= 0).map(n -> {
      ImageReference r = ImageReference.parse(n);
      return r.familiarName() + "@" + r.digest().orElseThrow();
    }).toList();
  }

  /** The config's creation time, or the epoch when absent or unreadable. */
  Instant created() {
    if (config.created() == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(config.created());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  Map<String, String> labels() {
    Map<String, String> labels = config.config() == null ? null : config.config().labels();
    return labels == null ? Map.of() : labels;
  }
}

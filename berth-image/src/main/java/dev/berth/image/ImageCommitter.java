package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.image.change.ConfigChanges;
import dev.berth.image.content.BlobWriter;
import dev.berth.image.content.ContentStore;
import dev.berth.image.layer.DiffResult;
import dev.berth.image.layer.LayerDiff;
import dev.berth.image.layer.WhiteoutMode;
import dev.berth.image.snapshot.ApplyTarget;
import dev.berth.image.snapshot.Snapshotter;
import dev.berth.image.unpack.UnpackResult;
import dev.berth.image.unpack.Unpacker;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code docker commit}: a container's upper dir becomes a layer tar (whiteouts as {@code .wh.}
 * entries) stored as a blob; the parent's config gets the new diff_id, a history step and the
 * container's config; the layer is unpacked like any pulled one. Overlay only: the copy
 * snapshotter keeps whole trees, from which deletions cannot be told.
 */
final class ImageCommitter {
  record Committed(Digest id, Descriptor manifest, UnpackResult unpacked) {}

  private final ContentStore content;
  private final Snapshotter snapshots;
  private final Unpacker unpacker;

  ImageCommitter(ContentStore content, Snapshotter snapshots, Unpacker unpacker) {
    this.content = content;
    this.snapshots = snapshots;
    this.unpacker = unpacker;
  }

  Committed commit(CommitRequest request, ImageView parent) {
    ApplyTarget upper = snapshots.applyTarget(request.snapshotKey());
    if (upper.mode() != WhiteoutMode.OVERLAY) {
      throw BerthException.precondition("commit needs the overlay snapshotter; this store uses"
          + " plain copies");
    }
    DiffResult diff;
    Digest blob;
    try (BlobWriter w = content.writer(null, -1)) {
      diff = LayerDiff.fromOverlayUpper(upper.directory(), w, Compression.NONE);
      blob = w.commit();
    }
    ImageConfig base = parent.config();
    String created = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    List<Digest> diffIds = new ArrayList<>(base.rootfs() == null ? List.of()
        : base.rootfs().diffIds());
    diffIds.add(diff.diffId());
    List<ImageConfig.History> history = new ArrayList<>(base.history());
    history.add(new ImageConfig.History(created, null, emptyToNull(request.author()),
        emptyToNull(request.comment()), null));
    ImageConfig.ContainerConfig config = ConfigChanges.apply(request.config(), request.changes());
    Map<String, Object> extra = new java.util.LinkedHashMap<>(base.extra());
    extra.remove("comment");
    if (request.comment() != null && !request.comment().isEmpty()) {
      extra.put("comment", request.comment());
    }
    ImageConfig image = new ImageConfig(base.architecture(), base.os(), base.osVersion(),
        base.osFeatures(), base.variant(), created, emptyToNull(request.author()), config,
        ImageConfig.RootFs.of(diffIds), history, extra);
    byte[] configJson = image.toJson();
    Digest configDigest = content.put(configJson);
    List<Descriptor> layers = new ArrayList<>(parent.manifest().layers());
    layers.add(Descriptor.of(MediaTypes.OCI_LAYER, blob, diff.size()));
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length), layers);
    byte[] manifestJson = ManifestParser.write(manifest);
    Digest manifestDigest = content.put(manifestJson);
    UnpackResult unpacked = unpacker.unpack(manifest, image);
    return new Committed(configDigest,
        Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifestJson.length), unpacked);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

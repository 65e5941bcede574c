package dev.berth.image;

import dev.berth.image.content.ContentStore;
import dev.berth.image.content.GcResult;
import dev.berth.image.snapshot.Info;
import dev.berth.image.snapshot.Kind;
import dev.berth.image.snapshot.Snapshotter;
import dev.berth.image.store.ImageStore;
import dev.berth.image.unpack.Unpacker;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.ImageManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep over the three stores. Marked: every image's manifest, config and layer blobs
 * and layer chains; every snapshot a container uses and its parents. Swept: the rest, except
 * ingests younger than {@link #INGEST_GRACE} (a write may be under way). Unpack leftovers
 * ({@code extract-*} snapshots) are swept too: they only outlive a crash. Blobs an in-flight
 * pull holds ({@link Leases}) are marked too, and the whole run excludes new leases.
 */
final class GarbageCollector {
  static final Duration INGEST_GRACE = Duration.ofMinutes(10);

  private final ImageStore images;
  private final ContentStore content;
  private final Snapshotter snapshots;
  private final Leases leases;

  GarbageCollector(ImageStore images, ContentStore content, Snapshotter snapshots,
      Leases leases) {
    this.images = images;
    this.content = content;
    this.snapshots = snapshots;
    this.leases = leases;
  }

  GcReport run() {
    return leases.excluding(() -> {
      Set<Digest> blobs = new HashSet<>(leases.all());
      Set<String> layers = new HashSet<>();
      mark(blobs, layers);
      List<String> removed = sweepSnapshots(layers);
      GcResult r = content.gc(blobs, INGEST_GRACE);
      return new GcReport(r.removedBlobs().stream().map(Digest::toString).toList(), removed,
          r.bytesFreed());
    });
  }

  /** The blobs the image records reference, leases aside. */
  Set<Digest> referencedBlobs() {
    Set<Digest> blobs = new HashSet<>();
    mark(blobs, new HashSet<>());
    return blobs;
  }

  /** Adds every image's manifest, config and layer blobs and its layer chains. */
  private void mark(Set<Digest> blobs, Set<String> layers) {
    for (var record : images.list()) {
      Digest m = record.manifest().digest();
      blobs.add(m);
      if (!content.exists(m)) {
        continue;
      }
      ImageManifest manifest = (ImageManifest) ManifestParser.parse(
          ImageView.bytes(content, m), record.manifest().mediaType());
      blobs.add(manifest.config().digest());
      manifest.layers().stream().map(Descriptor::digest).forEach(blobs::add);
      if (content.exists(manifest.config().digest())) {
        var config = dev.berth.oci.image.ImageConfig.parse(
            ImageView.bytes(content, manifest.config().digest()));
        dev.berth.image.unpack.ChainIds.of(config.rootfs().diffIds())
            .forEach(c -> layers.add(c.toString()));
      }
    }
  }

  /** Removes unmarked snapshots, leaves first, until none is left to remove. */
  private List<String> sweepSnapshots(Set<String> marked) {
    List<String> removed = new ArrayList<>();
    for (Info i : snapshots.list()) {
      if (i.kind() != Kind.COMMITTED && i.key().startsWith(Unpacker.EXTRACT_PREFIX)) {
        snapshots.remove(i.key());
        removed.add(i.key());
      }
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      List<Info> all = snapshots.list();
      Set<String> parents = new HashSet<>();
      all.forEach(i -> {
        if (i.parent() != null) {
          parents.add(i.parent());
        }
      });
      for (Info i : all.reversed()) {
        if (i.kind() == Kind.COMMITTED && !marked.contains(i.key())
            && !parents.contains(i.key())) {
          snapshots.remove(i.key());
          if (i.key().startsWith("sha256:")) {
            images.deleteLayerSize(Digest.parse(i.key()));
          }
          removed.add(i.key());
          progress = true;
        }
      }
    }
    return removed;
  }
}

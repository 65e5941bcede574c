package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.image.archive.ArchiveImage;
import dev.berth.image.archive.ArchiveReader;
import dev.berth.image.archive.ArchiveWriter;
import dev.berth.image.archive.SaveImage;
import dev.berth.image.content.ContentStore;
import dev.berth.image.distribution.LayerBlob;
import dev.berth.image.distribution.LayerBlobs;
import dev.berth.image.layer.LayerDiff;
import dev.berth.image.snapshot.Mounter;
import dev.berth.image.snapshot.MountSpec;
import dev.berth.image.snapshot.Snapshotter;
import dev.berth.image.store.Database;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.image.unpack.ExtractProgress;
import dev.berth.image.unpack.UnpackResult;
import dev.berth.image.unpack.LayerPrefetch;
import dev.berth.image.unpack.Unpacker;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link ImageService} over a content store, a snapshotter and the SQLite image store. */
final class LocalImageService implements ImageService {
  private final Path root;
  private final SnapshotterKind kind;
  private final Database db;
  private final ImageStore images;
  private final ContentStore content;
  private final Snapshotter snapshots;
  private final Unpacker unpacker;
  private final ImageLookup lookup;
  private final GarbageCollector collector;
  private final ReentrantLock changes = new ReentrantLock();
  private final Leases leases = new Leases();
  private final LayerBlobs layerBlobs;

  private LocalImageService(Path root, Database db, ContentStore content, Snapshotter snapshots,
      SnapshotterKind kind) {
    this.root = root;
    this.kind = kind;
    this.db = db;
    this.images = new ImageStore(db);
    this.content = content;
    this.snapshots = snapshots;
    this.unpacker = new Unpacker(content, snapshots, new Unpacker.LayerSizes() {
      @Override
      public void put(Digest chainId, long size) {
        images.putLayerSize(chainId, size);
      }

      @Override
      public void delete(Digest chainId) {
        images.deleteLayerSize(chainId);
      }
    });
    this.lookup = new ImageLookup(images);
    this.collector = new GarbageCollector(images, content, snapshots, leases);
    this.layerBlobs = LayerBlobs.open(root.resolve("distribution"));
  }

  static LocalImageService open(Path root, SnapshotterKind kind) {
    Path r = root.toAbsolutePath().normalize();
    try {
      clearTemp(r.resolve("tmp"));
      Files.createDirectories(r.resolve("tmp"));
    } catch (IOException e) {
      throw BerthException.system("creating " + r + ": " + e.getMessage(), e);
    }
    Database db = Database.open(r.resolve("metadata.db"));
    try {
      LocalImageService s = new LocalImageService(r, db, ContentStore.open(r.resolve("content")),
          kind.open(r.resolve("snapshots").resolve(kind.name().toLowerCase(java.util.Locale.ROOT))),
          kind);
      s.collector.run(); // what a crash left half done
      return s;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @Override
  public List<LoadedImage> load(InputStream archive) {
    return undoable(created -> {
      // layers are extracted while the archive streams in (overlay layers need no parent)
      LayerPrefetch prefetch = kind == SnapshotterKind.OVERLAY
          ? new LayerPrefetch(root.resolve("tmp").resolve("prefetch-" + UUID.randomUUID()))
          : null;
      try {
        List<ArchiveImage> found = ArchiveReader.read(archive, content, Platform.host(),
            prefetch);
        List<ImageStore.Addition> additions = new ArrayList<>();
        List<LoadedImage> loaded = new ArrayList<>();
        Instant now = Instant.now();
        for (ArchiveImage a : found) {
          UnpackResult u = unpacker.unpack(a.parsed(), a.config(), prefetch);
          created.addAll(u.created());
          List<String> names = new ArrayList<>();
          List<String> shown = new ArrayList<>();
          for (String tag : a.repoTags()) {
            ImageReference ref = ImageReference.parse(tag);
            names.add(ref.toString());
            shown.add(ref.familiar());
          }
          additions.add(new ImageStore.Addition(
              new ImageRecord(a.configDigest(), a.manifest(), null, now, null), names));
          loaded.add(new LoadedImage(a.configDigest(), shown));
        }
        images.add(additions);
        return loaded;
      } finally {
        if (prefetch != null) {
          prefetch.close();
        }
      }
    });
  }

  /**
   * The download runs outside the change lock, so listing, removing and other pulls go on
   * meanwhile; every blob it touches is leased, which keeps collection (rmi, prune, gc) off it.
   * Only the unpack of what was fetched (with the overlay snapshotter mostly done during the
   * download) and the record are made under the lock.
   */
  @Override
  public LoadedImage pull(dev.berth.image.pull.ImageSource source) {
    ExtractProgress extraction = source.extraction();
    LayerPrefetch prefetch = kind == SnapshotterKind.OVERLAY
        ? new LayerPrefetch(root.resolve("tmp").resolve("pull-" + UUID.randomUUID()),
            extraction)
        : null;
    try (Leases.Lease lease = leases.open()) {
      dev.berth.image.pull.PulledImage p;
      try {
        p = source.fetch(new LeasedContent(content, lease), prefetch);
      } catch (RuntimeException e) {
        dropUnused(lease, e);
        throw e;
      }
      changes.lock();
      List<Digest> created = new ArrayList<>();
      try {
        UnpackResult u = unpacker.unpack(p.parsed(), p.config(), prefetch, extraction);
        created.addAll(u.created());
        Digest id = p.parsed().config().digest();
        images.add(new ImageRecord(id, p.manifest(), null, Instant.now(), null), p.names());
        rememberBlobs(p);
        return new LoadedImage(id, p.names().stream().filter(n -> n.indexOf('@') < 0)
            .map(n -> ImageReference.parse(n).familiar()).toList());
      } catch (RuntimeException e) {
        unpacker.remove(created, e);
        dropUnused(lease, e);
        throw e;
      } finally {
        changes.unlock();
      }
    } finally {
      if (prefetch != null) {
        prefetch.close();
      }
    }
  }

  /**
   * After a failed pull: deletes the blobs it may have added that no image references and no
   * other pull holds, so the store is as it was. Releases the lease.
   */
  private void dropUnused(Leases.Lease lease, RuntimeException cause) {
    changes.lock();
    try {
      Set<Digest> candidates = lease.mayHaveAdded();
      lease.close();
      leases.excluding(() -> {
        Set<Digest> referenced = collector.referencedBlobs();
        for (Digest d : candidates) {
          if (!referenced.contains(d) && !leases.held(d) && content.exists(d)) {
            content.delete(d);
          }
        }
        return null;
      });
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    } finally {
      changes.unlock();
    }
  }

  /** Notes which registry blob each pulled layer is, so a push of it can skip the upload. */
  private void rememberBlobs(dev.berth.image.pull.PulledImage p) {
    List<Digest> diffIds = p.config().rootfs() == null ? List.of()
        : p.config().rootfs().diffIds();
    if (p.names().isEmpty() || diffIds.size() != p.parsed().layers().size()) {
      return;
    }
    ImageReference from = ImageReference.parse(p.names().getFirst());
    for (int i = 0; i < diffIds.size(); i++) {
      var blob = p.parsed().layers().get(i);
      if (MediaTypes.compressionOf(blob.mediaType()) != Compression.NONE) {
        layerBlobs.add(new LayerBlob(diffIds.get(i), blob, from.domain(), from.repository()));
      }
    }
  }

  /** Removes what a failed load or import made: its layers newest first, then its blobs. */
  private void undo(List<Digest> createdLayers, Set<Digest> blobsBefore, RuntimeException cause) {
    unpacker.remove(createdLayers, cause);
    try {
      // pulls write outside the lock: what they hold or have recorded meanwhile is not ours
      Set<Digest> referenced = collector.referencedBlobs();
      for (Digest d : content.list()) {
        if (!blobsBefore.contains(d) && !leases.held(d) && !referenced.contains(d)) {
          content.delete(d);
        }
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    if (names.isEmpty()) {
      throw BerthException.invalid("save needs at least one image name");
    }
    Map<Digest, List<String>> chosen = new LinkedHashMap<>();
    for (String name : names) {
      ImageLookup.Match m = lookup.find(name);
      List<String> tags = chosen.computeIfAbsent(m.id(), k -> new ArrayList<>());
      if (m.storedName() == null) {
        images.namesOf(m.id()).stream().filter(n -> n.indexOf('@') < 0)
            .filter(n -> !tags.contains(n)).forEach(tags::add);
      } else if (m.storedName().indexOf('@') < 0 && !tags.contains(m.storedName())) {
        tags.add(m.storedName());
      }
    }
    List<SaveImage> saves = new ArrayList<>();
    for (var e : chosen.entrySet()) {
      ImageView v = view(e.getKey());
      List<String> familiar = e.getValue().stream()
          .map(n -> ImageReference.parse(n).familiar()).toList();
      saves.add(new SaveImage(v.manifest(), v.config(), v.manifest().config().digest(), familiar,
          e.getValue()));
    }
    Path tmp = tempDir("save");
    try {
      ArchiveWriter.write(saves, content, tmp, out);
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public LoadedImage importImage(InputStream tarball, ImportOptions options) {
    ImageReference ref = options.reference() == null || options.reference().isEmpty() ? null
        : tagReference(options.reference());
    return undoable(created -> {
      ImageImporter.Imported imported = new ImageImporter(content, unpacker)
          .importTarball(tarball, options);
      created.addAll(imported.unpacked().created());
      List<String> names = ref == null ? List.of() : List.of(ref.toString());
      images.add(new ImageRecord(imported.id(), imported.manifest(), null, Instant.now(), null),
          names);
      return new LoadedImage(imported.id(), ref == null ? List.of() : List.of(ref.familiar()));
    });
  }

  @Override
  public LoadedImage commit(CommitRequest request) {
    ImageReference ref = request.reference() == null || request.reference().isEmpty() ? null
        : tagReference(request.reference());
    return undoable(created -> {
      ImageView parent = view(request.parentImage());
      ImageCommitter.Committed c = new ImageCommitter(content, snapshots, unpacker)
          .commit(request, parent);
      created.addAll(c.unpacked().created());
      images.add(new ImageRecord(c.id(), c.manifest(), request.parentImage(), Instant.now(),
          null), ref == null ? List.of() : List.of(ref.toString()));
      return new LoadedImage(c.id(), ref == null ? List.of() : List.of(ref.familiar()));
    });
  }

  /**
   * Runs a change that adds blobs and layers under the change lock; if it fails, the layers it
   * reported in the list it is handed and every blob it added are removed again.
   */
  private <T> T undoable(java.util.function.Function<List<Digest>, T> work) {
    changes.lock();
    Set<Digest> blobsBefore = new HashSet<>(content.list());
    List<Digest> created = new ArrayList<>();
    try {
      return work.apply(created);
    } catch (RuntimeException e) {
      undo(created, blobsBefore, e);
      throw e;
    } finally {
      changes.unlock();
    }
  }

  @Override
  public List<Change> changes(String snapshotKey) {
    changes.lock(); // the view it mounts is a snapshot too
    try {
      return ChangeWalker.changes(snapshots, snapshotKey, root.resolve("tmp"));
    } finally {
      changes.unlock();
    }
  }

  @Override
  public void export(String snapshotKey, OutputStream out) {
    List<MountSpec> mounts = snapshots.readOnlyMounts(snapshotKey);
    Path target = tempDir("export");
    try {
      Mounter.mount(mounts, target);
      try {
        LayerDiff.fromDirectory(target, out, Compression.NONE);
      } finally {
        Mounter.unmount(target);
      }
    } finally {
      deleteQuietly(target);
    }
  }

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    ImageFilters f = ImageFilters.parse(filters, ImageFilters.LIST_KEYS, this::createdOf);
    List<ImageView> views = views();
    Set<Digest> parents = new HashSet<>();
    views.forEach(v -> {
      if (v.record().parent() != null) {
        parents.add(v.record().parent());
      }
    });
    boolean danglingAsked = ImageFilters.dangling(filters) != null;
    return views.stream()
        // intermediate images (untagged parents) only with -a, as Docker hides them
        .filter(v -> all || danglingAsked || !(v.names().isEmpty() && parents.contains(v.id())))
        .filter(f::matches)
        .sorted(Comparator.comparing(ImageView::created).reversed())
        .map(v -> new ImageSummary(v.id(), v.record().parent(), v.repoTags(), v.repoDigests(),
            v.created().getEpochSecond(), size(v), v.labels()))
        .toList();
  }

  @Override
  public void tag(String source, String target) {
    ImageReference ref = tagReference(target);
    changes.lock();
    try {
      Digest id = lookup.find(source).id();
      images.setName(ref.toString(), id);
    } finally {
      changes.unlock();
    }
  }

  /** A name a tag may be: a reference without digest ({@code latest} added if no tag). */
  private static ImageReference tagReference(String target) {
    ImageReference ref = ImageReference.parse(target);
    if (ref.digest().isPresent()) {
      throw BerthException.invalid("refusing to create a tag with a digest reference: " + target);
    }
    if (ref.familiarName().equals(Digest.SHA256)) {
      throw BerthException.invalid("refusing to create an ambiguous tag using digest algorithm"
          + " as name: " + target);
    }
    return ref.tag().isPresent() ? ref : ref.withTag(ImageReference.DEFAULT_TAG);
  }

  @Override
  public List<DeleteItem> remove(String name, boolean force, boolean noPrune, ImageUsage usage) {
    changes.lock();
    try {
      return new ImageDeleter(this, usage).remove(name, force, noPrune);
    } finally {
      changes.unlock();
    }
  }

  @Override
  public ImageDetail inspect(String name) {
    ImageView v = view(lookup.find(name).id());
    return new ImageDetail(v.id(), v.repoTags(), v.repoDigests(), v.record().parent(), v.config(),
        size(v), v.config().rootfs() == null ? List.of() : v.config().rootfs().diffIds(),
        v.record().lastTagTime(), v.record().manifest());
  }

  @Override
  public List<HistoryItem> history(String name) {
    ImageView v = view(lookup.find(name).id());
    List<Digest> chains = v.chainIds();
    List<HistoryItem> items = new ArrayList<>();
    int layer = 0;
    for (var h : v.config().history()) {
      long size = 0;
      if (!Boolean.TRUE.equals(h.emptyLayer()) && layer < chains.size()) {
        size = layerSize(chains, layer);
        layer++;
      }
      items.add(new HistoryItem("<missing>", epochSeconds(h.created()),
          h.createdBy() == null ? "" : h.createdBy(), List.of(), size,
          h.comment() == null ? "" : h.comment()));
    }
    List<HistoryItem> newestFirst = new ArrayList<>(items.reversed());
    if (!newestFirst.isEmpty()) {
      HistoryItem top = newestFirst.getFirst();
      newestFirst.set(0, new HistoryItem(v.id().toString(), top.created(), top.createdBy(),
          v.repoTags(), top.size(), top.comment()));
    }
    return newestFirst;
  }

  @Override
  public PruneReport prune(boolean all, Map<String, List<String>> filters, ImageUsage usage) {
    changes.lock();
    try {
      return new ImageDeleter(this, usage).prune(all, filters);
    } finally {
      changes.unlock();
    }
  }

  @Override
  public GcReport gc() {
    changes.lock();
    try {
      return collector.run();
    } finally {
      changes.unlock();
    }
  }

  @Override
  public List<MountSpec> prepareRootfs(String key, String name) {
    changes.lock();
    try {
      ImageView v = view(lookup.find(name).id());
      List<Digest> chains = v.chainIds();
      return snapshots.prepare(key, chains.isEmpty() ? null : chains.getLast().toString());
    } finally {
      changes.unlock();
    }
  }

  @Override
  public void removeRootfs(String key) {
    Runnable deleteFiles;
    changes.lock();
    try {
      deleteFiles = snapshots.detach(key);
    } finally {
      changes.unlock();
    }
    deleteFiles.run(); // a big write layer must not hold up every other create and pull
  }

  @Override
  public Digest resolve(String name) {
    return lookup.find(name).id();
  }

  @Override
  public Snapshotter snapshots() {
    return snapshots;
  }

  @Override
  public LayerBlobs layerBlobs() {
    return layerBlobs;
  }

  @Override
  public ContentStore content() {
    return content;
  }

  @Override
  public void close() {
    db.close();
  }

  // --- shared with ImageDeleter ---

  ImageStore images() {
    return images;
  }

  ImageLookup lookup() {
    return lookup;
  }

  GarbageCollector collector() {
    return collector;
  }

  ImageView view(Digest id) {
    ImageRecord r = images.get(id).orElseThrow(() -> ImageLookup.noSuch(id.toString()));
    return ImageView.read(r, content, images.namesOf(id));
  }

  List<ImageView> views() {
    Map<Digest, List<String>> names = new LinkedHashMap<>();
    images.names().forEach((n, id) -> names.computeIfAbsent(id, k -> new ArrayList<>()).add(n));
    return images.list().stream()
        .map(r -> ImageView.read(r, content, names.getOrDefault(r.id(), List.of()))).toList();
  }

  long size(ImageView v) {
    List<Digest> chains = v.chainIds();
    long total = 0;
    for (int i = 0; i < chains.size(); i++) {
      total += layerSize(chains, i);
    }
    return total;
  }

  private long layerSize(List<Digest> chains, int i) {
    return images.layerSize(chains.get(i)).orElse(0);
  }

  private Instant createdOf(String name) {
    return view(lookup.find(name).id()).created();
  }

  private static long epochSeconds(String rfc3339) {
    if (rfc3339 == null) {
      return 0;
    }
    try {
      return Instant.parse(rfc3339).getEpochSecond();
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }

  private Path tempDir(String what) {
    try {
      return Files.createDirectory(root.resolve("tmp").resolve(what + "-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw BerthException.system("creating a temp dir under " + root + ": " + e.getMessage(), e);
    }
  }

  /** Save and export leftovers of a crash: unmount first so a delete never reaches a snapshot. */
  private static void clearTemp(Path tmp) throws IOException {
    if (!Files.isDirectory(tmp)) {
      return;
    }
    try (var entries = Files.list(tmp)) {
      for (Path p : entries.toList()) {
        Mounter.unmount(p);
        Trees.deleteRecursively(p);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Trees.deleteRecursively(p);
    } catch (IOException e) {
      // under tmp/, which is emptied at the next open
    }
  }
}

package dev.berth.image;

import dev.berth.image.content.ContentStore;
import dev.berth.image.snapshot.MountSpec;
import dev.berth.image.snapshot.Snapshotter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Images as Docker users see them, composed of three narrow stores that know nothing of each
 * other: blobs ({@link ContentStore}), unpacked layers ({@link Snapshotter}) and names and image
 * records ({@link dev.berth.image.store.ImageStore}). This is what the engine and the API call.
 *
 * <p><b>Names.</b> Methods taking an image {@code name} resolve it as Docker does: a full or
 * short id ({@code sha256:…}, a unique hex prefix), a reference ({@code busybox} = {@code
 * docker.io/library/busybox:latest}), or {@code name@digest}. An unknown one is {@code
 * NOT_FOUND} with Docker's message, {@code No such image: busybox:latest}.
 *
 * <p><b>Atomicity.</b> A load or import that fails leaves every store as it was: the blobs and
 * snapshots it created are removed and no record was written. Records are written last, in one
 * transaction. Changes are serialised, except a pull's download, which runs beside them with
 * every blob it touches leased against collection; reads may run alongside.
 *
 * <p><b>On disk</b> under the root: {@code content/} (blobs), {@code snapshots/} (layers and
 * container file systems), {@code metadata.db} (SQLite), {@code distribution/} (which registry
 * blobs hold which layer), {@code tmp/}.
 */
public interface ImageService extends AutoCloseable {

  /** Opens the image service rooted at {@code root}, on overlayfs when the kernel has it. */
  static ImageService open(Path root) {
    return LocalImageService.open(root, SnapshotterKind.detect());
  }

  /** Opens the image service rooted at {@code root} with the given snapshotter. */
  static ImageService open(Path root, SnapshotterKind kind) {
    return LocalImageService.open(root, kind);
  }

  /**
   * Loads a {@code docker save} archive or an OCI image layout tar (plain, gzip or zstd): blobs
   * into the content store, layers unpacked, names moved to the loaded images.
   */
  List<LoadedImage> load(InputStream archive);

  /**
   * Writes {@code names}' images as one tar that is both a docker-archive and an OCI image
   * layout. A name given as a reference is kept as the image's tag in the archive; an id saves
   * the image with all its tags.
   */
  void save(List<String> names, OutputStream out);

  /**
   * {@code docker commit}: the changes in a container's snapshot become one new layer on its
   * image; the new image's parent is that image.
   */
  LoadedImage commit(CommitRequest request);

  /** {@code docker diff}: what container snapshot {@code snapshotKey} changed, by path. */
  List<Change> changes(String snapshotKey);

  /**
   * {@code docker pull}: {@code source} writes the image's verified blobs into the content
   * store; layers are then unpacked and the names moved to the image, as {@link #load} does, and
   * a failure leaves every store as it was.
   */
  LoadedImage pull(dev.berth.image.pull.ImageSource source);

  /** Makes an image of one layer from a root file system tarball ({@code docker import}). */
  LoadedImage importImage(InputStream tarball, ImportOptions options);

  /**
   * Writes the current file system of container snapshot {@code snapshotKey} (an active snapshot
   * made by {@link #prepareRootfs}) as a tar ({@code docker export}). Safe while it runs.
   */
  void export(String snapshotKey, OutputStream out);

  /**
   * {@code docker images}: images newest first; {@code all} includes intermediate images;
   * {@code filters} as the API takes them ({@code dangling}, {@code label}, {@code before},
   * {@code since}, {@code reference}); an unknown filter is {@code INVALID_ARGUMENT}.
   */
  List<ImageSummary> list(boolean all, Map<String, List<String>> filters);

  /** {@code docker tag}: points {@code target} at {@code source}'s image. */
  void tag(String source, String target);

  /**
   * {@code docker rmi}: untags a name, and deletes the image once nothing names or uses it.
   * Refuses (FAILED_PRECONDITION, Docker's "conflict: …" text) an image a container uses unless
   * {@code force} and the container is stopped, one with several names given by id unless
   * {@code force}, and one with child images. {@code noPrune} keeps untagged parents.
   */
  List<DeleteItem> remove(String name, boolean force, boolean noPrune, ImageUsage usage);

  /** {@code docker image inspect}. */
  ImageDetail inspect(String name);

  /** {@code docker history}, newest step first. */
  List<HistoryItem> history(String name);

  /**
   * {@code docker image prune}: deletes dangling images no container uses, or with {@code all}
   * every image no container uses; {@code filters} may hold {@code until} and {@code label}.
   */
  PruneReport prune(boolean all, Map<String, List<String>> filters, ImageUsage usage);

  /** Deletes blobs and layers that no image and no container snapshot needs. */
  GcReport gc();

  /**
   * Makes active snapshot {@code key} on image {@code name}'s top layer, for a container's root
   * file system, and returns how to mount it.
   */
  List<MountSpec> prepareRootfs(String key, String name);

  /** Removes a container snapshot made by {@link #prepareRootfs}; the image's layers stay. */
  void removeRootfs(String key);

  /** The id ({@code sha256:…}) of image {@code name}. */
  dev.berth.oci.image.Digest resolve(String name);

  /** The snapshotter; the engine mounts and commits container snapshots through it. */
  Snapshotter snapshots();

  /** The content store; the registry client and server read and write blobs through it. */
  ContentStore content();

  /**
   * Which registry blobs hold each layer: filled by pulls (here) and pushes (the registry
   * client), read by pushes so a plain layer is not compressed and sent again.
   */
  dev.berth.image.distribution.LayerBlobs layerBlobs();

  @Override
  void close();
}

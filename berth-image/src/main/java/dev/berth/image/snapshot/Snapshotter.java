package dev.berth.image.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * Stores the file system trees that images unpack into and containers run on, as a graph of
 * snapshots each with at most one parent.
 *
 * <h2>Vocabulary</h2>
 *
 * <ul>
 *   <li><b>Key</b>: the caller's name for a snapshot, unique within a snapshotter across all
 *       kinds. Keys are free text; the snapshotter never puts them into paths, it allocates a
 *       short numeric <b>id</b> for each snapshot instead.
 *   <li><b>Active</b> snapshot ({@link Kind#ACTIVE}): writable, made by {@link #prepare}. Its
 *       content is its parent's plus whatever is written into its mounts.
 *   <li><b>View</b> ({@link Kind#VIEW}): a read-only look at a parent, made by {@link #view};
 *       cannot be committed.
 *   <li><b>Committed</b> snapshot ({@link Kind#COMMITTED}): made by {@link #commit} from an
 *       active snapshot; immutable from then on, and the only kind that can be a parent.
 *   <li><b>Parent chain</b>: a snapshot's parent, the parent's parent, and so on; a layered image
 *       with n layers is a chain of n committed snapshots.
 * </ul>
 *
 * <h2>Lifecycle</h2>
 *
 * Unpacking an image layer by layer:
 *
 * <pre>{@code
 * List<MountSpec> m = sn.prepare("extract-1", null);  // empty, writable
 * Mounter.mount(m, tmp); apply(layer1, tmp); Mounter.unmount(tmp);
 * sn.commit("sha256:<chainID1>", "extract-1");        // "extract-1" is gone now
 * m = sn.prepare("extract-2", "sha256:<chainID1>");   // layer 1's files, writable on top
 * ... commit("sha256:<chainID2>", "extract-2"), and so on.
 * }</pre>
 *
 * Running a container: {@code prepare(containerId, topChainId)}, mount the result as its rootfs,
 * and {@code remove(containerId)} after it is gone; {@code commit} it instead to make an image
 * layer from it. A snapshot's directory may be handed to a layer applier directly only for a
 * snapshot without parent, and always through its mounts otherwise.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>A parent must exist and be committed; a committed snapshot cannot be removed while any
 *       snapshot names it as parent ({@link #remove} refuses and names the children). Remove
 *       leaves first.
 *   <li>{@link #mounts} describes how to mount an active snapshot or a view; a committed snapshot
 *       is not mounted (view it instead). Mounts stay valid until the snapshot is committed or
 *       removed; callers unmount before either.
 *   <li>Errors are {@link dev.berth.error.BerthException}s: not found (unknown key), exists (key
 *       in use), precondition (wrong kind, parent has children), system (I/O).
 *   <li>Methods are safe to call from several threads; one process owns a root at a time.
 * </ul>
 *
 * <h2>On disk</h2>
 *
 * <pre>
 * &lt;root&gt;/                       (/var/lib/berth/snapshots)
 *   &lt;id&gt;/info.json   {"id","key","parent","kind","created"}; written last, atomically
 *   &lt;id&gt;/fs          the snapshot's own files (overlay: its upper dir, or a lower once committed)
 *   &lt;id&gt;/work        overlay's work dir (overlay only)
 *   .rm-&lt;id&gt;/         a snapshot being removed
 * </pre>
 *
 * A directory without {@code info.json} is a snapshot whose creation did not finish, and is
 * deleted, together with {@code .rm-*} leftovers, when the root is opened. Ids are decimal
 * numbers, never reused while their snapshot exists, so overlay option strings stay short.
 */
public interface Snapshotter {

  /**
   * Creates an active snapshot {@code key} on top of {@code parentKey} (null for an empty one)
   * and returns how to mount it.
   */
  List<MountSpec> prepare(String key, String parentKey);

  /** Creates a read-only view {@code key} of {@code parentKey} (null for an empty one). */
  List<MountSpec> view(String key, String parentKey);

  /**
   * Turns active snapshot {@code activeKey} into committed snapshot {@code name}; {@code
   * activeKey} no longer exists afterwards. The snapshot must not be mounted.
   */
  void commit(String name, String activeKey);

  /** How to mount active snapshot or view {@code key}. */
  List<MountSpec> mounts(String key);

  /**
   * Where a layer tar may be applied directly, without mounting, to fill active snapshot {@code
   * key}, and in which whiteout form: overlay hands out the snapshot's own upper directory
   * ({@link dev.berth.image.layer.WhiteoutMode#OVERLAY}: the files become a lower dir as they
   * are), copy its whole tree ({@link dev.berth.image.layer.WhiteoutMode#PLAIN}). This is how
   * images are unpacked quickly; the snapshot must not be mounted meanwhile.
   */
  ApplyTarget applyTarget(String key);

  /**
   * Mounts that show active snapshot {@code key}'s current content read-only and can sit beside
   * the container's own read-write mount of it (export, diff): overlay stacks the upper dir as
   * the topmost lower.
   */
  List<MountSpec> readOnlyMounts(String key);

  /**
   * Removes {@code key} and its files. A committed snapshot that is some snapshot's parent is
   * refused, naming those children. The snapshot must not be mounted.
   */
  default void remove(String key) {
    detach(key).run();
  }

  /**
   * Removes {@code key} as {@link #remove} does, but leaves the deletion of its files to the
   * caller, to run outside its own locks: a container's write layer can take seconds to delete,
   * and nothing else should wait for that. Until it runs the files sit under a name the next
   * open deletes.
   */
  Runnable detach(String key);

  /** Every snapshot, in creation order. */
  List<Info> list();

  /** What is known about {@code key}. */
  Info stat(String key);

  /**
   * Overlayfs snapshots under {@code root}: a committed snapshot's {@code fs} is a lower dir, an
   * active snapshot's is the upper dir. Needs root (or a user namespace owning the mount).
   */
  static Snapshotter overlay(Path root) {
    return new OverlaySnapshotter(root);
  }

  /**
   * Plain-copy snapshots under {@code root}: preparing on a parent copies the whole parent chain's
   * result into a fresh directory; works on any file system. Mounts are bind mounts.
   */
  static Snapshotter copy(Path root) {
    return new CopySnapshotter(root);
  }
}

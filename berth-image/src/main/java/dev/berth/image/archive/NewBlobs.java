package dev.berth.image.archive;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Digest;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blobs one read added to the store, so that a failed read can take them out again. A blob
 * writer only learns its digest at commit, so what was there before is a snapshot of the store
 * taken when the read starts.
 */
final class NewBlobs {
  private final ContentStore store;
  private final Set<Digest> before;
  private final Set<Digest> created = new LinkedHashSet<>();

  NewBlobs(ContentStore store) {
    this.store = store;
    this.before = new HashSet<>(store.list());
  }

  /** Whether {@code digest} was not in the store when the read started. */
  boolean isNew(Digest digest) {
    return !before.contains(digest);
  }

  /** Notes a commit (or put) that returned {@code digest}. */
  Digest committed(Digest digest) {
    if (!before.contains(digest)) {
      created.add(digest);
    }
    return digest;
  }

  /** Stores {@code content} and notes it. */
  Digest put(byte[] content) {
    return committed(store.put(content));
  }

  /** Deletes every blob this read created and {@code keep} does not hold; best effort. */
  void deleteAllBut(Set<Digest> keep) {
    for (Digest d : List.copyOf(created)) {
      if (keep.contains(d)) {
        continue;
      }
      try {
        store.delete(d);
      } catch (BerthException e) {
        // gone already, or undeletable: gc removes unreferenced blobs later
      }
      created.remove(d);
    }
  }
}

package dev.berth.image;

import dev.berth.oci.image.Digest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Blobs that in-flight pulls write or rely on, which garbage collection keeps although no image
 * names them yet. A pull runs its downloads outside the image service's change lock; its lease
 * takes each blob before the pull looks at or writes it, and is released once the image record
 * is written (or the pull has failed and cleaned up). Collection runs {@link #excluding} them:
 * a blob's taking and the collector's sweep never interleave, so a blob a pull found present
 * is still there when it is used.
 */
final class Leases {
  private final Map<Digest, Integer> held = new HashMap<>();

  /** One pull's blobs. Not for use by several leases' owners; its own threads may share it. */
  final class Lease implements AutoCloseable {
    private final Set<Digest> mine = new HashSet<>();
    private final Set<Digest> absentWhenTaken = new HashSet<>();
    private boolean released;

    /** Takes {@code digest}; true if the blob was absent then (this pull may be adding it). */
    boolean take(Digest digest, Supplier<Boolean> present) {
      synchronized (Leases.this) {
        if (released) {
          throw new IllegalStateException("lease used after its release");
        }
        boolean absent = !present.get();
        if (mine.add(digest)) {
          held.merge(digest, 1, Integer::sum);
          if (absent) {
            absentWhenTaken.add(digest);
          }
        }
        return absent;
      }
    }

    /** The blobs that were absent when taken: what this pull may have added. */
    Set<Digest> mayHaveAdded() {
      synchronized (Leases.this) {
        return Set.copyOf(absentWhenTaken);
      }
    }

    @Override
    public void close() {
      synchronized (Leases.this) {
        if (released) {
          return;
        }
        released = true;
        for (Digest d : mine) {
          held.computeIfPresent(d, (k, n) -> n == 1 ? null : n - 1);
        }
      }
    }
  }

  Lease open() {
    return new Lease();
  }

  /** Every leased blob. */
  synchronized Set<Digest> all() {
    return Set.copyOf(held.keySet());
  }

  /** Whether a lease holds {@code digest}. */
  synchronized boolean held(Digest digest) {
    return held.containsKey(digest);
  }

  /** Runs {@code work} (a collection) while no lease can take a blob. */
  synchronized <T> T excluding(Supplier<T> work) {
    return work.get();
  }
}

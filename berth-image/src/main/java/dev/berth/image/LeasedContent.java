package dev.berth.image;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.BlobWriter;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.GcResult;
import dev.berth.oci.image.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The content store as a pull outside the change lock sees it: every blob it asks about, reads
 * or writes under a known digest is taken into its {@link Leases.Lease} first, so collection
 * keeps it until the image is recorded. Deleting and collecting are not a pull's business.
 */
final class LeasedContent implements ContentStore {
  private final ContentStore store;
  private final Leases.Lease lease;

  LeasedContent(ContentStore store, Leases.Lease lease) {
    this.store = store;
    this.lease = lease;
  }

  private void take(Digest d) {
    lease.take(d, () -> store.exists(d));
  }

  @Override
  public boolean exists(Digest digest) {
    return !lease.take(digest, () -> store.exists(digest));
  }

  @Override
  public Optional<Path> path(Digest digest) {
    take(digest);
    return store.path(digest);
  }

  @Override
  public InputStream open(Digest digest) {
    take(digest);
    return store.open(digest);
  }

  @Override
  public BlobInfo info(Digest digest) {
    take(digest);
    return store.info(digest);
  }

  @Override
  public BlobWriter writer(Digest expected, long expectedSize) {
    if (expected == null) {
      throw new IllegalArgumentException("a pull writes blobs under the digest it expects");
    }
    take(expected);
    return store.writer(expected, expectedSize);
  }

  @Override
  public Digest put(InputStream in, Digest expected, long expectedSize) {
    if (expected == null) {
      throw new IllegalArgumentException("a pull writes blobs under the digest it expects");
    }
    take(expected);
    return store.put(in, expected, expectedSize);
  }

  @Override
  public Digest put(byte[] content) {
    take(Digest.of(content));
    return store.put(content);
  }

  @Override
  public List<Digest> list() {
    return store.list();
  }

  @Override
  public boolean verify(Digest digest) {
    return store.verify(digest);
  }

  @Override
  public void delete(Digest digest) {
    throw new UnsupportedOperationException("a pull deletes no blobs");
  }

  @Override
  public GcResult gc(Set<Digest> keep, Duration ingestMaxAge) {
    throw new UnsupportedOperationException("a pull collects no garbage");
  }
}

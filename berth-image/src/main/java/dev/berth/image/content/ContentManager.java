package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Lists, deletes, checks and collects blobs. The manager role of a {@link ContentStore}. */
public interface ContentManager {
  /** Every committed blob, sorted by digest string. */
  List<Digest> list();

  /** Removes a blob; {@code NOT_FOUND} naming the digest when absent. */
  void delete(Digest digest);

  /**
   * Re-hashes a committed blob ({@code fsck}): true if its bytes still match its name. {@code
   * NOT_FOUND} naming the digest when absent.
   */
  boolean verify(Digest digest);

  /**
   * Deletes every committed blob not in {@code keep}, and every ingest file untouched for at
   * least {@code ingestMaxAge} that no writer of this store still has open.
   *
   * @param keep the roots and everything they reference; all other blobs are removed
   */
  GcResult gc(Set<Digest> keep, Duration ingestMaxAge);
}

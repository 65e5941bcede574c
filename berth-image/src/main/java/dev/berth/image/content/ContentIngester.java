package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.io.InputStream;

/** Writes blobs through a verifying ingest. The ingester role of a {@link ContentStore}. */
public interface ContentIngester {
  /**
   * Starts a write. Bytes are hashed with the algorithm of {@code expected} (sha256 when it is
   * null, in which case the digest is whatever the content hashes to).
   *
   * @param expected the digest the content must have, or null to compute it
   * @param expectedSize the size the content must have, or -1 if unknown
   */
  BlobWriter writer(Digest expected, long expectedSize);

  /**
   * Writes everything in {@code in} (not closed) as one blob and returns its digest; on any
   * failure the store is unchanged.
   *
   * @param expected the digest the content must have, or null to compute it
   */
  default Digest put(InputStream in, Digest expected) {
    return put(in, expected, -1);
  }

  /** As {@link #put(InputStream, Digest)}, also checking the size unless it is -1. */
  Digest put(InputStream in, Digest expected, long expectedSize);

  /** Stores {@code content} under its sha256 digest and returns that digest. */
  Digest put(byte[] content);
}

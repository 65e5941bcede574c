package dev.berth.registry.server.http;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;
import java.io.IOException;

/**
 * The optional per-repository quota: the bytes of the blobs a repository links, counted once
 * each even when shared. Checked when a blob is about to be linked; the blob itself may stay in
 * the shared store (another repository may want it) until garbage collection.
 */
final class Quota {
  private Quota() {}

  static void check(Services s, String name, Digest adding) throws IOException {
    long quota = s.config().repositoryQuotaBytes();
    if (quota <= 0 || s.repositories().hasBlob(name, adding)) {
      return;
    }
    long used = 0;
    for (Digest d : s.repositories().blobs(name)) {
      used += Math.max(0, s.blobs().size(d));
    }
    long size = s.blobs().size(adding);
    if (used + size > quota) {
      throw new RegistryException(ErrorCode.DENIED, "repository " + name + " would hold "
          + (used + size) + " bytes, over its quota of " + quota);
    }
  }
}

package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.nio.file.Path;

/**
 * Blobs addressed by their digest: layers, configs and manifests exactly as pulled or built.
 *
 * <p><b>Vocabulary.</b> A <em>blob</em> is an immutable byte sequence named by its {@link
 * Digest}. <em>Ingest</em> is a write in progress: bytes go to a private temp file and are hashed
 * as they arrive. <em>Commit</em> checks the size and digest, makes the file durable and moves it
 * into place in one atomic step; only then is the blob visible. A blob is therefore never read
 * back half-written or unverified, and readers need not re-hash it.
 *
 * <p><b>Lifecycle of a write.</b>
 *
 * <pre>{@code
 * try (BlobWriter w = store.writer(expected, size)) {   // ingest temp file created
 *   body.transferTo(w);                                  // hashed while written
 *   Digest d = w.commit();                               // verify, fsync, rename; visible now
 * }                                                      // close without commit = abort
 * }</pre>
 *
 * <p>A commit whose blob is already present is a success, not an error: blobs are immutable, so
 * whichever of two concurrent writers of the same blob commits second simply drops its temp file.
 * A failed verification ({@code INVALID_ARGUMENT}, naming the expected and actual values) deletes
 * the temp file and leaves the store as it was.
 *
 * <p><b>Errors.</b> Every failure is a {@link dev.berth.error.BerthException}: {@code NOT_FOUND}
 * (naming the digest) for a missing blob, {@code INVALID_ARGUMENT} for content that does not match
 * what the caller promised, {@code SYSTEM} for I/O failures.
 *
 * <p><b>Garbage collection.</b> The store does not know who references which blob; the image
 * store does. {@link ContentManager#gc} is handed the complete set to keep and deletes everything
 * else. Callers must not run it concurrently with writes whose blobs are not yet referenced.
 *
 * <p>The roles follow containerd's {@code content.Store}: {@link ContentProvider} reads, {@link
 * ContentIngester} writes, {@link ContentManager} lists, deletes, checks and collects. Code that
 * only reads should depend on {@code ContentProvider}.
 */
public interface ContentStore extends ContentProvider, ContentIngester, ContentManager {

  /**
   * Opens (creating if needed) the filesystem store under {@code root}; see the layout in the
   * implementation's documentation ({@code <root>/blobs/<algorithm>/<hex>}, {@code
   * <root>/ingest/}).
   */
  static ContentStore open(Path root) {
    return FileContentStore.open(root);
  }
}

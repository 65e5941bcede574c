package dev.berth.image.layer;

import dev.berth.oci.image.Digest;

/**
 * What applying a layer produced.
 *
 * @param diffId sha256 of the uncompressed tar stream, as the image config's {@code rootfs.diff_ids}
 * @param size bytes of the uncompressed tar stream (trailing padding included)
 * @param entries tar entries read, whiteouts included
 */
public record ApplyResult(Digest diffId, long size, int entries) {}

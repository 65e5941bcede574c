package dev.berth.image.layer;

import dev.berth.oci.image.Digest;

/**
 * What {@link LayerDiff} wrote: {@code diffId} and {@code size} describe the uncompressed tar
 * (the image config's rootfs.diff_ids), {@code compressedDigest} and {@code compressedSize} the
 * bytes written to the caller's stream (the manifest's layer descriptor). With no compression
 * the two pairs are equal.
 */
public record DiffResult(Digest diffId, Digest compressedDigest, long size,
    long compressedSize) {}

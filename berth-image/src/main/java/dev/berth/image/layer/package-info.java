/**
 * Layer apply: a layer tar (plain, gzip or zstd) extracted into a snapshot directory, with OCI
 * whiteouts turned into overlayfs whiteouts or applied as deletions. {@link
 * dev.berth.image.layer.LayerApplier} is the entry point.
 */
package dev.berth.image.layer;

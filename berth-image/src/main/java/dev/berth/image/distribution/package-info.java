/**
 * Which registry blob holds which layer: the compressed blobs a layer (named by its diff_id) was
 * pulled as or pushed as, per registry and repository, so that a push finds what a registry has
 * without compressing again ({@link dev.berth.image.distribution.LayerBlobs}).
 */
package dev.berth.image.distribution;

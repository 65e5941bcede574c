/**
 * The image side of Berth: a content store of blobs addressed by digest, layer apply and diff,
 * and snapshotters. Knows nothing of containers (DESIGN.md, "Modules").
 */
package dev.berth.image;

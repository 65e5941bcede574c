/**
 * Snapshotters: the directory trees containers run on, stacked from committed layers. {@link
 * dev.berth.image.snapshot.Snapshotter} is the contract (its javadoc is the spec); {@link
 * dev.berth.image.snapshot.Mounter} mounts what a snapshotter returns.
 */
package dev.berth.image.snapshot;

/**
 * Image archives: {@code docker save} tars (Docker 20.10 and 25+ layouts) and OCI image layouts
 * read into a content store by {@link dev.berth.image.archive.ArchiveReader}, and written by
 * {@link dev.berth.image.archive.ArchiveWriter} as one tar that is both. Only blobs: recording
 * images, tags and unpacking layers is the caller's.
 */
package dev.berth.image.archive;

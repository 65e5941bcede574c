package dev.berth.registry.server.gc;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.RegistryException;
import dev.berth.registry.server.storage.BlobStore;
import dev.berth.registry.server.storage.ManifestRefs;
import dev.berth.registry.server.storage.RepositoryStore;
import dev.berth.registry.server.storage.UploadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep while the registry serves. Mark: every manifest every repository holds, and
 * what each references (config, layers, blobs, index children, subject). Sweep: a blob nobody
 * marked is deleted only if unused for longer than the grace period, checked again under the
 * blob's lock right before the delete. Pushes in flight stay safe because every step of a push
 * touches the blobs it relies on (commit, mount, manifest put), and uploads in progress are not
 * in the blob store at all until they complete.
 */
public final class GarbageCollector {
  private final BlobStore blobs;
  private final RepositoryStore repositories;
  private final UploadStore uploads;
  private final Duration grace;
  private final Duration uploadTimeout;

  public GarbageCollector(BlobStore blobs, RepositoryStore repositories, UploadStore uploads,
      Duration grace, Duration uploadTimeout) {
    this.blobs = blobs;
    this.repositories = repositories;
    this.uploads = uploads;
    this.grace = grace;
    this.uploadTimeout = uploadTimeout;
  }

  public synchronized GcReport run(boolean dryRun) throws IOException {
    Instant started = Instant.now();
    Set<Digest> marked = mark();
    Instant cutoff = started.minus(grace);
    List<Digest> deleted = new ArrayList<>();
    List<Digest> young = new ArrayList<>();
    long bytes = 0;
    for (Digest digest : blobs.all()) {
      if (marked.contains(digest)) {
        continue;
      }
      long size = blobs.size(digest);
      Instant used;
      try {
        used = blobs.lastUsed(digest);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (!used.isBefore(cutoff)) {
        young.add(digest);
      } else if (dryRun || blobs.deleteIfUnusedSince(digest, cutoff)) {
        deleted.add(digest);
        bytes += Math.max(0, size);
      }
    }
    if (!dryRun) {
      unlinkMissing();
    }
    List<String> purged = dryRun ? List.of() : uploads.purge(started.minus(uploadTimeout));
    return new GcReport(dryRun, marked.size(), deleted, bytes, young, purged);
  }

  private Set<Digest> mark() throws IOException {
    Set<Digest> marked = new HashSet<>();
    for (String name : repositories.catalog()) {
      for (Digest manifest : repositories.manifests(name)) {
        marked.add(manifest);
        byte[] content;
        try {
          content = Files.readAllBytes(blobs.path(manifest));
        } catch (NoSuchFileException e) {
          continue;
        }
        try {
          ManifestRefs refs = ManifestRefs.parse(content);
          marked.addAll(refs.blobs());
          marked.addAll(refs.manifests());
          refs.subject().ifPresent(marked::add);
        } catch (RegistryException e) {
          // stored before it could be parsed? keep it, never guess what it references
        }
      }
    }
    return marked;
  }

  /** Repository links to blobs the sweep removed go too, so HEAD answers 404, not a dangling 200. */
  private void unlinkMissing() throws IOException {
    for (String name : repositories.catalogAll()) {
      for (Digest d : repositories.blobs(name)) {
        if (!blobs.exists(d)) {
          repositories.unlinkBlob(name, d);
        }
      }
    }
  }
}

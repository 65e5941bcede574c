package dev.berth.image.unpack;

import dev.berth.error.BerthException;
import dev.berth.image.Trees;
import dev.berth.image.archive.LayerTap;
import dev.berth.image.layer.ApplyResult;
import dev.berth.image.layer.LayerDecompression;
import dev.berth.image.layer.LayerApplier;
import dev.berth.image.layer.WhiteoutMode;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Extracts layers while the archive is still being read: each tar-like blob the reader streams
 * is copied through a {@link ChunkPipe} to a decompression thread, and its tar through another
 * to an extraction thread, which applies it in overlay form into a directory of its own under
 * {@code staging}. Overlay layers do not depend on their parents, so this needs no knowledge of
 * the image yet; the {@link Unpacker} later moves a staged directory into the snapshot it makes
 * for that blob, after checking its diff_id.
 *
 * <p>Two extraction threads: the read itself is cheap, extraction is where the time goes. Each
 * has a decompression thread beside it, so one big layer (a pull waits for its largest) keeps
 * two cores busy: inflating was a third of its extraction time. Both pools take their tasks in
 * the order the blobs opened, so an extraction that runs always has its decompression running
 * or done, and the pipes between them cannot deadlock. Work that turns out unneeded (a blob the
 * store had, a blob that is no layer) is deleted at {@link #close}. Only for snapshotters that
 * apply in {@link WhiteoutMode#OVERLAY} form.
 *
 * <p>A pull opens each blob with its digest as the path; the extraction of such a blob is
 * reported to the {@link ExtractProgress} as it reads (archive paths of a load are not).
 */
public final class LayerPrefetch implements LayerTap, AutoCloseable {
  private static final int PIPE_CHUNKS = 32;
  private static final int EXTRACTORS = 2;
  private static final int TAR_CHUNK = 128 * 1024;

  /** A staged extraction: where it went, and how it ended. */
  public record Staged(Path dir, Future<ApplyResult> result) {
    /** The extraction's result, or empty when it failed (the unpacker then applies afresh). */
    public Optional<ApplyResult> await() {
      try {
        return Optional.of(result.get());
      } catch (ExecutionException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private final Path staging;
  private final ExtractProgress progress;
  private final LayerApplier applier = new LayerApplier();
  private final ExecutorService threads = pool(EXTRACTORS, "berth-layer-prefetch");
  private final ExecutorService decompressors = pool(EXTRACTORS, "berth-layer-decompress");
  private final Map<Digest, Staged> ready = new HashMap<>();
  private final List<Staged> unused = new ArrayList<>();
  private int seq;

  /** {@code staging}: a directory to create on the snapshots' file system (renames must work). */
  public LayerPrefetch(Path staging) {
    this(staging, ExtractProgress.NONE);
  }

  /** As {@link #LayerPrefetch(Path)}, telling {@code progress} how each extraction goes. */
  public LayerPrefetch(Path staging, ExtractProgress progress) {
    this.staging = staging;
    this.progress = progress;
  }

  @Override
  public synchronized Feed open(String path, long size) {
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw BerthException.system("creating " + staging + ": " + e.getMessage(), e);
    }
    Path dir = staging.resolve(Integer.toString(++seq));
    ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS);
    ChunkPipe tar = new ChunkPipe(PIPE_CHUNKS);
    Digest blob = blobDigest(path);
    decompressors.execute(() -> decompress(blob == null ? pipe.input()
        : new CountingInputStream(pipe.input(), n -> progress.extracting(blob, n, size)), tar));
    Future<ApplyResult> result = threads.submit(() -> {
      try (InputStream in = tar.input()) {
        // the diff_id is computed here, over the bytes decompress handed over
        ApplyResult applied = applier.apply(in, Compression.NONE, dir, WhiteoutMode.OVERLAY);
        if (blob != null) {
          progress.extracted(blob);
        }
        return applied;
      }
    });
    Staged staged = new Staged(dir, result);
    return new Feed() {
      @Override
      public void write(byte[] b, int off, int len) {
        pipe.put(b, off, len);
      }

      @Override
      public void complete(Digest digest, boolean added) {
        synchronized (LayerPrefetch.this) {
          if (added && !ready.containsKey(digest)) {
            pipe.finish();
            ready.put(digest, staged);
          } else {
            pipe.fail(); // the layer is there already: stop extracting it
            unused.add(staged);
          }
        }
      }

      @Override
      public void abort() {
        pipe.fail();
        synchronized (LayerPrefetch.this) {
          unused.add(staged);
        }
      }
    };
  }

  /**
   * Copies the blob's tar (its compression sniffed) into {@code tar}. Any failure fails the
   * extraction's stream; the unpacker then applies the stored blob afresh, which names the
   * problem. Stops early when the extraction has failed, and then drops the rest of the blob.
   */
  private static void decompress(InputStream blob, ChunkPipe tar) {
    boolean complete = false;
    // closing the blob's stream (also when sniffing it failed) lets its feed drop the rest
    try (blob; InputStream plain = LayerDecompression.open(blob, null)) {
      byte[] buffer = new byte[TAR_CHUNK];
      for (int n; (n = plain.readNBytes(buffer, 0, buffer.length)) > 0; ) {
        if (!tar.put(buffer, 0, n)) {
          return;
        }
      }
      complete = true;
    } catch (IOException | RuntimeException e) {
      // the extraction reads a failed stream
    } finally {
      if (complete) {
        tar.finish();
      } else {
        tar.fail();
      }
    }
  }

  private static ExecutorService pool(int size, String name) {
    return Executors.newFixedThreadPool(size, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** The digest a pull opened a blob with, or null for an archive path. */
  private static Digest blobDigest(String path) {
    if (!path.startsWith(Digest.SHA256 + ":") && !path.startsWith(Digest.SHA512 + ":")) {
      return null;
    }
    try {
      return Digest.parse(path);
    } catch (BerthException e) {
      return null;
    }
  }

  /** The staged extraction of blob {@code digest}; the caller then owns its directory. */
  public synchronized Optional<Staged> take(Digest digest) {
    return Optional.ofNullable(ready.remove(digest));
  }

  /** Waits for every extraction and deletes whatever was not taken. */
  @Override
  public void close() {
    List<Staged> left;
    synchronized (this) {
      left = new ArrayList<>(unused);
      left.addAll(ready.values());
      ready.clear();
      unused.clear();
    }
    for (Staged s : left) {
      s.await();
    }
    threads.shutdown();
    decompressors.shutdown();
    try {
      Trees.deleteRecursively(staging);
    } catch (IOException e) {
      // under the service's tmp/, emptied at the next open
    }
  }
}

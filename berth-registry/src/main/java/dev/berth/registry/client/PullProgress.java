package dev.berth.registry.client;

import dev.berth.image.unpack.ExtractProgress;
import dev.berth.oci.image.Digest;
import java.util.HashMap;
import java.util.Map;

/**
 * A pull's per-layer lines in the order Docker's stream has them: {@code Download complete},
 * then {@code Extracting} (compressed bytes the extractor has read) and {@code Pull complete}.
 * Berth extracts while it downloads, so extraction news that arrives before its layer's download
 * is complete is held back and sent, latest count only, once it is.
 */
final class PullProgress implements ExtractProgress {
  private final ProgressListener out;
  private final Map<Digest, Layer> layers = new HashMap<>();

  /** One layer's state; guarded by its own monitor. */
  private static final class Layer {
    boolean downloaded;
    long consumed = -1;
    long size;
    long sent = -1;
    long step;
    boolean extracted;
    boolean completed;
  }

  PullProgress(ProgressListener out) {
    this.out = out;
  }

  /** The layer's blob is verified and stored: sends {@code Download complete} and what waited. */
  void downloadComplete(Digest blob) {
    Layer l = layer(blob);
    synchronized (l) {
      out.status(ProgressListener.shortId(blob), "Download complete");
      l.downloaded = true;
      flush(blob, l, true);
    }
  }

  @Override
  public void extracting(Digest blob, long consumed, long size) {
    Layer l = layer(blob);
    synchronized (l) {
      l.consumed = consumed;
      l.size = size;
      if (l.downloaded) {
        flush(blob, l, false);
      }
    }
  }

  @Override
  public void extracted(Digest blob) {
    Layer l = layer(blob);
    synchronized (l) {
      l.extracted = true;
      if (l.downloaded) {
        flush(blob, l, true);
      }
    }
  }

  private synchronized Layer layer(Digest blob) {
    return layers.computeIfAbsent(blob, k -> new Layer());
  }

  /**
   * Sends the extraction count when it moved by a step (or {@code force}, and it moved at all),
   * then {@code Pull complete} once extracted.
   */
  private void flush(Digest blob, Layer l, boolean force) {
    if (l.completed) {
      return;
    }
    String id = ProgressListener.shortId(blob);
    if (l.step == 0 && l.size > 0) {
      l.step = Math.max(512 * 1024, l.size / 100); // as Throttle: every 1% or 512 KiB
    }
    boolean moved = l.consumed > l.sent;
    if (moved && (force || l.extracted || l.sent < 0 || l.consumed - l.sent >= l.step)) {
      out.progress(id, "Extracting", l.consumed, l.size);
      l.sent = l.consumed;
    }
    if (l.extracted) {
      l.completed = true;
      out.status(id, "Pull complete");
    }
  }
}

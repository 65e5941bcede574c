package dev.berth.image.distribution;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link LayerBlobs} as one small text file per diff_id. */
final class FileLayerBlobs implements LayerBlobs {
  /** Enough for every registry a layer has been in; older entries drop off. */
  private static final int MAX_ENTRIES = 50;
  private final Path root;

  FileLayerBlobs(Path root) {
    this.root = root;
  }

  @Override
  public synchronized List<LayerBlob> find(Digest diffId) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file(diffId), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw BerthException.system("reading " + file(diffId) + ": " + e.getMessage(), e);
    }
    List<LayerBlob> out = new ArrayList<>();
    for (String line : lines) {
      String[] w = line.split(" ");
      if (w.length != 5) {
        continue; // a line this version does not know: skip, never fail a push on a hint
      }
      try {
        out.add(new LayerBlob(diffId, Descriptor.of(w[2], Digest.parse(w[3]),
            Long.parseLong(w[4])), w[0], w[1]));
      } catch (RuntimeException e) {
        // same: a damaged hint is no hint
      }
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized void add(LayerBlob blob) {
    List<LayerBlob> all = new ArrayList<>(find(blob.diffId()));
    all.removeIf(b -> b.blob().digest().equals(blob.blob().digest())
        && b.registry().equals(blob.registry()) && b.repository().equals(blob.repository()));
    all.addFirst(blob);
    StringBuilder text = new StringBuilder();
    for (LayerBlob b : all.subList(0, Math.min(all.size(), MAX_ENTRIES))) {
      text.append(b.registry()).append(' ').append(b.repository()).append(' ')
          .append(b.blob().mediaType()).append(' ').append(b.blob().digest()).append(' ')
          .append(b.blob().size()).append('\n');
    }
    Path target = file(blob.diffId());
    Path temp = target.resolveSibling(".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw BerthException.system("writing " + target + ": " + e.getMessage(), e);
    }
  }

  private Path file(Digest diffId) {
    return root.resolve(diffId.algorithm()).resolve(diffId.hex());
  }
}

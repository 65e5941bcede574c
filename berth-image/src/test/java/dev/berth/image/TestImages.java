package dev.berth.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small layer tars and docker-archives, made in memory, for the image service tests. */
final class TestImages {
  private TestImages() {}

  /** A layer: paths ending in "/" are directories, others files with the given content. */
  static byte[] layer(Map<String, String> entries) {
    return tar(entries);
  }

  static byte[] layer(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return tar(m);
  }

  static byte[] tar(Map<String, String> entries) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (var e : entries.entrySet()) {
          String name = e.getKey();
          TarArchiveEntry t = new TarArchiveEntry(name);
          if (name.endsWith("/")) {
            t.setMode(040755);
            out.putArchiveEntry(t);
          } else {
            byte[] data = e.getValue().getBytes(UTF_8);
            t.setMode(0100644);
            t.setSize(data.length);
            out.putArchiveEntry(t);
            out.write(data);
          }
          out.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(raw);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One image of a docker-archive: its tags, layer blobs as stored, and their diff ids. */
  record Image(List<String> tags, List<byte[]> layers, List<Digest> diffIds, String extraConfig,
      String created) {
    /** Uncompressed layers: diff ids are their digests. */
    static Image of(List<String> tags, byte[]... layers) {
      List<Digest> ids = new ArrayList<>();
      for (byte[] l : layers) {
        ids.add(Digest.of(l));
      }
      return new Image(tags, List.of(layers), ids, "", "2024-02-01T00:00:00Z");
    }

    Image withConfig(String extra) {
      return new Image(tags, layers, diffIds, extra, created);
    }

    Image createdAt(String time) {
      return new Image(tags, layers, diffIds, extraConfig, time);
    }

    byte[] config() {
      StringBuilder ids = new StringBuilder();
      StringBuilder history = new StringBuilder();
      for (int i = 0; i < diffIds.size(); i++) {
        ids.append(i == 0 ? "" : ",").append('"').append(diffIds.get(i)).append('"');
        history.append(i == 0 ? "" : ",").append("{\"created\":\"2024-01-0").append(i + 1)
            .append("T00:00:00Z\",\"created_by\":\"step ").append(i).append("\"}");
      }
      return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created + "\","
          + "\"config\":{\"Cmd\":[\"/bin/sh\"]" + extraConfig + "},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]},"
          + "\"history\":[" + history + "]}").getBytes(UTF_8);
    }

    Digest id() {
      return Digest.of(config());
    }
  }

  /** A docker-archive as Docker 20.10's {@code docker save} writes it, manifest.json last. */
  static byte[] dockerArchive(Image... images) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      StringBuilder manifest = new StringBuilder("[");
      try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
        List<String> written = new ArrayList<>();
        for (int n = 0; n < images.length; n++) {
          Image img = images[n];
          List<String> paths = new ArrayList<>();
          for (byte[] layer : img.layers()) {
            String dir = Digest.of(layer).hex();
            String path = dir + "/layer.tar";
            if (!written.contains(path)) {
              file(out, dir + "/VERSION", "1.0".getBytes(UTF_8));
              file(out, path, layer);
              written.add(path);
            }
            paths.add(path);
          }
          String configName = img.id().hex() + ".json";
          if (!written.contains(configName)) {
            file(out, configName, img.config());
            written.add(configName);
          }
          manifest.append(n == 0 ? "" : ",").append("{\"Config\":\"").append(configName)
              .append("\",\"RepoTags\":[")
              .append(String.join(",", img.tags().stream().map(t -> "\"" + t + "\"").toList()))
              .append("],\"Layers\":[")
              .append(String.join(",", paths.stream().map(p -> "\"" + p + "\"").toList()))
              .append("]}");
        }
        manifest.append("]");
        file(out, "manifest.json", manifest.toString().getBytes(UTF_8));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void file(TarArchiveOutputStream out, String name, byte[] data)
      throws IOException {
    TarArchiveEntry t = new TarArchiveEntry(name);
    t.setMode(0100644);
    t.setSize(data.length);
    out.putArchiveEntry(t);
    out.write(data);
    out.closeArchiveEntry();
  }
}

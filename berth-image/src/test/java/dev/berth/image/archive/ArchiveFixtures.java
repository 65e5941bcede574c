package dev.berth.image.archive;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.oci.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds archives, layers and configs in memory. */
final class ArchiveFixtures {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  ArchiveFixtures() {
    tar = new TarArchiveOutputStream(bytes);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  ArchiveFixtures file(String name, byte[] content) {
    try {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ArchiveFixtures file(String name, String content) {
    return file(name, content.getBytes(UTF_8));
  }

  ArchiveFixtures dir(String name) {
    return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
  }

  ArchiveFixtures symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return entry(e);
  }

  /** A blob of an OCI layout, at the path its digest names. */
  ArchiveFixtures blob(byte[] content) {
    Digest d = Digest.of(content);
    return file("blobs/sha256/" + d.hex(), content);
  }

  private ArchiveFixtures entry(TarArchiveEntry e) {
    try {
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  byte[] build() {
    try {
      tar.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A layer tar holding one file. */
  static byte[] layer(String name, String content) {
    return new ArchiveFixtures().file(name, content).build();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new ZstdOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] config(String arch, List<Digest> diffIds) {
    String ids = diffIds.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
    return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}").getBytes(UTF_8);
  }

  static String descriptor(String mediaType, byte[] content) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.of(content)
        + "\",\"size\":" + content.length + "}";
  }

  static byte[] json(String s) {
    return s.getBytes(UTF_8);
  }
}

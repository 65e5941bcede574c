package dev.berth.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars in memory. */
final class TestTars {
  static final FileTime MTIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  TestTars() {
    tar = new TarArchiveOutputStream(bytes);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  TestTars dir(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    e.setMode(mode);
    e.setLastModifiedTime(MTIME);
    return put(e, null);
  }

  TestTars file(String name, String content) {
    return file(name, content, 0644, 0, 0);
  }

  TestTars file(String name, String content, int mode, int uid, int gid) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    e.setMode(mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setLastModifiedTime(MTIME);
    return put(e, data);
  }

  TestTars fileWithXattr(String name, String content, String xattr, String value) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    e.setMode(0644);
    e.addPaxHeader("SCHILY.xattr." + xattr, value);
    return put(e, data);
  }

  TestTars symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    e.setUserId(7);
    e.setGroupId(8);
    e.setLastModifiedTime(MTIME);
    return put(e, null);
  }

  TestTars hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    return put(e, null);
  }

  TestTars node(String name, byte type, int major, int minor) {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    e.setMode(0620);
    e.setLastModifiedTime(MTIME);
    return put(e, null);
  }

  TestTars nodeWithXattr(String name, byte type, String xattr, String value) {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setMode(0600);
    e.setLastModifiedTime(MTIME);
    e.addPaxHeader("SCHILY.xattr." + xattr, value);
    return put(e, null);
  }

  TestTars symlinkWithXattr(String name, String target, String xattr, String value) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    e.setLastModifiedTime(MTIME);
    e.addPaxHeader("SCHILY.xattr." + xattr, value);
    return put(e, null);
  }

  TestTars empty(String name) {
    return file(name, "");
  }

  private TestTars put(TarArchiveEntry e, byte[] data) {
    try {
      tar.putArchiveEntry(e);
      if (data != null) {
        tar.write(data);
      }
      tar.closeArchiveEntry();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return this;
  }

  byte[] build() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }
}

package dev.berth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Variants of one docker-archive, one per benchmark round: every layer gets one extra small file
 * naming the round, so no two rounds share a layer (and a daemon's load of each is cold), while
 * the work (files, bytes, whiteouts) stays the same.
 */
final class RoundArchives {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RoundArchives() {}

  /** {@code unpacked} is the archive extracted (manifest.json, config, layer dirs). */
  static List<Path> make(Path unpacked, int count, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      out.add(variant(unpacked, r, dir));
    }
    return out;
  }

  private static Path variant(Path unpacked, int round, Path dir) throws Exception {
    ArrayNode manifest = (ArrayNode) JSON.readTree(unpacked.resolve("manifest.json").toFile());
    ObjectNode image = (ObjectNode) manifest.get(0);
    ObjectNode config = (ObjectNode) JSON.readTree(
        unpacked.resolve(image.get("Config").asText()).toFile());
    Path work = Files.createDirectories(dir.resolve("round-" + round));
    ArrayNode diffIds = ((ObjectNode) config.get("rootfs")).putArray("diff_ids");
    ArrayNode layerPaths = image.putArray("Layers");
    List<Path> layerFiles = new ArrayList<>();
    int i = 0;
    for (var layer : (ArrayNode) JSON.readTree(unpacked.resolve("manifest.json").toFile())
        .get(0).get("Layers")) {
      Path rewritten = work.resolve("layer" + i + ".tar");
      diffIds.add("sha256:" + rewrite(unpacked.resolve(layer.asText()), rewritten, round));
      layerPaths.add("l" + i + "/layer.tar");
      layerFiles.add(rewritten);
      i++;
    }
    byte[] configBytes = JSON.writeValueAsBytes(config);
    String configHex = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(configBytes));
    image.put("Config", configHex + ".json");
    Path archive = dir.resolve("round-" + round + ".tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
        new BufferedOutputStream(Files.newOutputStream(archive), 1 << 20))) {
      for (int l = 0; l < layerFiles.size(); l++) {
        TarArchiveEntry e = new TarArchiveEntry(layerFiles.get(l), "l" + l + "/layer.tar");
        tar.putArchiveEntry(e);
        Files.copy(layerFiles.get(l), tar);
        tar.closeArchiveEntry();
      }
      put(tar, configHex + ".json", configBytes);
      put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
    }
    for (Path f : layerFiles) {
      Files.delete(f);
    }
    Files.delete(work);
    return archive;
  }

  /** Copies a layer tar entry by entry, adding {@code .berth-bench-round}; returns its sha256. */
  private static String rewrite(Path from, Path to, int round) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(from), 1 << 20);
        TarArchiveInputStream in = new TarArchiveInputStream(raw);
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(to), 1 << 20);
        TarArchiveOutputStream out = new TarArchiveOutputStream(new DigestOutputStream(file, sha))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      out.setAddPaxHeadersForNonAsciiNames(true);
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.putArchiveEntry(e);
        if (e.isFile()) {
          in.transferTo(out);
        }
        out.closeArchiveEntry();
      }
      put(out, ".berth-bench-round", ("round " + round + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    e.setMode(0100644);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}

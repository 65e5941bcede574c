package dev.berth.image.archive;

import dev.berth.image.layer.LayerDecompression;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.error.BerthException;
import dev.berth.image.content.ContentProvider;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageIndex;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images as one tar that is both a {@code docker save} archive in Docker 25's layout and
 * an OCI image layout, which is what {@code docker save} has written since Docker 25, and which
 * Docker 20.10's {@code docker load} reads through its {@code manifest.json}:
 *
 * <pre>
 * blobs/sha256/&lt;hex&gt;   each config, each layer uncompressed (named by its diff_id) and a new
 *                      OCI manifest per image; each blob once, however many images share it
 * index.json           the manifests, one entry per full name, with annotations
 *                      io.containerd.image.name and org.opencontainers.image.ref.name
 * manifest.json        [{"Config": "blobs/sha256/&lt;hex&gt;", "RepoTags": [...], "Layers": [...]}]
 * oci-layout           {"imageLayoutVersion": "1.0.0"}
 * repositories         {"busybox": {"latest": "&lt;top layer hex&gt;"}}, as Docker 25 writes it
 * </pre>
 *
 * <p>Layers are written uncompressed because Docker 20.10 checks a loaded layer's digest against
 * the config's diff_id. A gzip or zstd layer blob is first decompressed into a temp file while
 * hashed, and must hash to its diff_id. All checks and decompression happen before the first
 * byte is written, so a bad image leaves {@code out} untouched.
 *
 * <p>The tar is deterministic: entries sorted by name, mtime 0, uid and gid 0 with no names,
 * mode 0644 for files and 0755 for directories, PAX headers for long names and big sizes.
 */
public final class ArchiveWriter {
  private static final int BUFFER = 256 * 1024;
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private ArchiveWriter() {}

  /**
   * Writes {@code images} from {@code store} to {@code out} (flushed, not closed).
   *
   * @param tempDir where compressed layers are decompressed to; the files are deleted after
   */
  public static void write(List<SaveImage> images, ContentProvider store, Path tempDir,
      OutputStream out) {
    List<Path> temps = new ArrayList<>();
    try {
      Map<String, ExportBlob> blobs = new TreeMap<>(); // by path: the tar's sorted order
      Map<Digest, ExportBlob> layers = new HashMap<>();
      List<Descriptor> indexEntries = new ArrayList<>();
      List<Map<String, Object>> manifestJson = new ArrayList<>();
      Map<String, Map<String, String>> repositories = new TreeMap<>();
      for (int i = 0; i < images.size(); i++) {
        SaveImage image = images.get(i);
        String where = "image " + i + " (config " + image.configDigest() + ")";
        List<Digest> diffIds = image.config().rootfs() == null ? List.of()
            : image.config().rootfs().diffIds();
        if (diffIds.size() != image.manifest().layers().size()) {
          throw BerthException.invalid(where + ": manifest has " + image.manifest().layers().size()
              + " layers but the config has " + diffIds.size() + " rootfs.diff_ids");
        }
        byte[] config;
        try {
          config = readAll(store, image.configDigest());
        } catch (BerthException e) {
          throw e.wrap(where);
        }
        blobs.put(blobPath(image.configDigest()), new ExportBlob.Bytes(config));

        List<Descriptor> layerDescriptors = new ArrayList<>();
        List<String> layerPaths = new ArrayList<>();
        for (int j = 0; j < diffIds.size(); j++) {
          Digest diffId = diffIds.get(j);
          ExportBlob layer = layers.get(diffId);
          if (layer == null) {
            layer = uncompressed(store, image.manifest().layers().get(j), diffId, tempDir, temps,
                where + ": layer " + j);
            layers.put(diffId, layer);
            blobs.put(blobPath(diffId), layer);
          }
          layerDescriptors.add(Descriptor.of(MediaTypes.OCI_LAYER, diffId, layer.size()));
          layerPaths.add(blobPath(diffId));
        }

        ImageManifest manifest = ImageManifest.oci(
            Descriptor.of(MediaTypes.OCI_CONFIG, image.configDigest(), config.length),
            layerDescriptors);
        byte[] manifestBytes = ManifestParser.write(manifest);
        Digest manifestDigest = Digest.of(manifestBytes);
        blobs.put(blobPath(manifestDigest), new ExportBlob.Bytes(manifestBytes));
        Descriptor entry = Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest,
            manifestBytes.length);
        for (String name : image.names()) {
          Map<String, String> annotations = new TreeMap<>();
          annotations.put(OciLayout.IMAGE_NAME, name);
          String tag = tagOf(name);
          if (tag != null) {
            annotations.put(OciLayout.REF_NAME, tag);
          }
          indexEntries.add(entry.withAnnotations(annotations));
        }
        if (image.names().isEmpty()) {
          indexEntries.add(entry);
        }

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Config", blobPath(image.configDigest()));
        item.put("RepoTags", image.repoTags().isEmpty() ? null : image.repoTags());
        item.put("Layers", layerPaths);
        manifestJson.add(item);
        // Docker maps each name to its top layer (the v1 id of old), and it is used only by
        // loaders that predate manifest.json
        String top = diffIds.isEmpty() ? image.configDigest().hex() : diffIds.getLast().hex();
        for (String repoTag : image.repoTags()) {
          String tag = tagOf(repoTag);
          if (tag != null) {
            String repo = repoTag.substring(0, repoTag.length() - tag.length() - 1);
            repositories.computeIfAbsent(repo, r -> new TreeMap<>()).put(tag, top);
          }
        }
      }
      byte[] index = ManifestParser.write(
          new ImageIndex(2, MediaTypes.OCI_INDEX, null, indexEntries, null, null));
      writeTar(store, blobs, index, withNewline(ArchiveJson.write(manifestJson)),
          repositories.isEmpty() ? null : withNewline(ArchiveJson.write(repositories)), out);
    } finally {
      for (Path temp : temps) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover in the caller's temp dir; nothing else refers to it
        }
      }
    }
  }

  /** The layer as an uncompressed tar whose digest is {@code diffId}. */
  private static ExportBlob uncompressed(ContentProvider store, Descriptor layer, Digest diffId,
      Path tempDir, List<Path> temps, String where) {
    long size;
    try {
      size = store.info(layer.digest()).size();
    } catch (BerthException e) {
      throw e.wrap(where);
    }
    try (InputStream blob = new BufferedInputStream(store.open(layer.digest()), BUFFER)) {
      blob.mark(LayerDecompression.MAGIC_LENGTH);
      byte[] head = blob.readNBytes(LayerDecompression.MAGIC_LENGTH);
      blob.reset();
      Compression c = LayerDecompression.sniff(head, head.length);
      if (c == Compression.NONE) {
        if (!layer.digest().equals(diffId)) {
          throw BerthException.invalid(where + " (" + layer.digest() + "): uncompressed, so its"
              + " digest must be the config's diff_id " + diffId);
        }
        return new ExportBlob.Stored(layer.digest(), size);
      }
      Path temp = Files.createTempFile(tempDir, "layer-", ".tar");
      temps.add(temp);
      MessageDigest sha256 = sha256();
      try (InputStream in = c == Compression.GZIP ? new GZIPInputStream(blob, BUFFER)
              : new ZstdInputStream(blob);
          OutputStream file = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
        in.transferTo(file);
      }
      Digest actual = new Digest(Digest.SHA256, HexFormat.of().formatHex(sha256.digest()));
      if (!actual.equals(diffId)) {
        throw BerthException.invalid(where + " (" + layer.digest() + "): diff_id mismatch: "
            + "config says " + diffId + ", decompressed content is " + actual);
      }
      return new ExportBlob.TempFile(temp, Files.size(temp));
    } catch (IOException e) {
      throw BerthException.system(where + " (" + layer.digest() + "): decompressing into "
          + tempDir + ": " + e.getMessage(), e);
    }
  }

  private static void writeTar(ContentProvider store, Map<String, ExportBlob> blobs,
      byte[] index, byte[] manifestJson, byte[] repositories, OutputStream out) {
    try {
      BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
      TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      directory(tar, "blobs/");
      directory(tar, "blobs/sha256/");
      byte[] buffer = new byte[BUFFER];
      for (Map.Entry<String, ExportBlob> e : blobs.entrySet()) {
        ExportBlob blob = e.getValue();
        tar.putArchiveEntry(file(e.getKey(), blob.size()));
        switch (blob) {
          case ExportBlob.Bytes b -> tar.write(b.content());
          case ExportBlob.Stored s -> copy(store.open(s.digest()), tar, buffer);
          case ExportBlob.TempFile t -> copy(Files.newInputStream(t.file()), tar, buffer);
        }
        tar.closeArchiveEntry();
      }
      small(tar, OciLayout.INDEX, index);
      small(tar, DockerArchive.MANIFEST, manifestJson);
      small(tar, OciLayout.LAYOUT,
          "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      if (repositories != null) {
        small(tar, "repositories", repositories);
      }
      tar.finish();
      buffered.flush();
    } catch (IOException e) {
      throw BerthException.system("writing image archive: " + e.getMessage(), e);
    }
  }

  private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    }
  }

  private static void small(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    tar.putArchiveEntry(file(name, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    normalise(e);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry file(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0100644);
    e.setSize(size);
    normalise(e);
    return e;
  }

  /** The same header whoever writes it, whenever. */
  private static void normalise(TarArchiveEntry e) {
    e.setLastModifiedTime(EPOCH);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
  }

  private static byte[] readAll(ContentProvider store, Digest digest) {
    try (InputStream in = store.open(digest)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw BerthException.system("reading " + digest + ": " + e.getMessage(), e);
    }
  }

  /** The tag of {@code name:tag} (a colon after the last slash), ignoring any {@code @digest}. */
  static String tagOf(String name) {
    int at = name.indexOf('@');
    String n = at < 0 ? name : name.substring(0, at);
    int colon = n.lastIndexOf(':');
    return colon > n.lastIndexOf('/') && colon < n.length() - 1 ? n.substring(colon + 1) : null;
  }

  private static String blobPath(Digest d) {
    return "blobs/" + d.algorithm() + "/" + d.hex();
  }

  /** Docker's JSON encoder ends each document with a newline. */
  private static byte[] withNewline(byte[] json) {
    byte[] out = Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }

  private static MessageDigest sha256() {
    return dev.berth.sys.Sha256.newDigest(); // berthd's C1 hashes 12x slower itself
  }
}

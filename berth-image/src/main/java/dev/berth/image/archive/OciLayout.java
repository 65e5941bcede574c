package dev.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageIndex;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestDocument;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of an OCI image layout: {@code oci-layout}, {@code index.json} and {@code
 * blobs/<alg>/<hex>}. Each entry of index.json is an image manifest, or an index from which the
 * manifest for the wanted platform is picked. Entries naming the same manifest are one image.
 */
final class OciLayout {
  static final String INDEX = "index.json";
  static final String LAYOUT = "oci-layout";
  static final String IMAGE_NAME = "io.containerd.image.name";
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** Indexes inside indexes followed before giving up. */
  private static final int MAX_DEPTH = 8;

  private OciLayout() {}

  static List<ArchiveImage> images(ArchiveBlobs blobs, byte[] indexJson, Platform platform) {
    checkLayoutVersion(blobs);
    ImageIndex index = index(indexJson, INDEX);
    // one image per manifest digest, with the tags of every entry naming it, in index order
    Map<Digest, Descriptor> manifests = new LinkedHashMap<>();
    Map<Digest, List<String>> tags = new LinkedHashMap<>();
    for (int i = 0; i < index.manifests().size(); i++) {
      Descriptor entry = index.manifests().get(i);
      String where = INDEX + " manifests[" + i + "] (" + entry.digest() + ")";
      Descriptor manifest = resolve(blobs, entry, platform, where, 0);
      if (manifest == null) {
        continue;
      }
      manifests.putIfAbsent(manifest.digest(), manifest);
      List<String> names = tags.computeIfAbsent(manifest.digest(), d -> new ArrayList<>());
      String tag = tag(entry);
      if (tag != null && !names.contains(tag)) {
        names.add(tag);
      }
    }
    if (manifests.isEmpty()) {
      throw BerthException.notFound(INDEX + ": no image for platform " + platform + " among "
          + index.manifests().size() + " entries");
    }
    List<ArchiveImage> images = new ArrayList<>();
    for (Descriptor m : manifests.values()) {
      images.add(image(blobs, m, tags.get(m.digest())));
    }
    return images;
  }

  /** {@code oci-layout}, when present, must say version 1.0.0. */
  private static void checkLayoutVersion(ArchiveBlobs blobs) {
    ArchiveScan.Found f = blobs.scan.find(LAYOUT);
    if (f == null) {
      return; // some writers leave it out; index.json is what matters
    }
    JsonNode version = ArchiveJson.tree(blobs.bytes(f), LAYOUT).get("imageLayoutVersion");
    if (version == null || !"1.0.0".equals(version.asText())) {
      throw BerthException.invalid(LAYOUT + ": unsupported imageLayoutVersion " + version
          + " (expected \"1.0.0\")");
    }
  }

  /**
   * The image manifest an index entry stands for: itself, or the one for {@code platform} from
   * the index it names; null when the entry is a manifest for another platform.
   */
  private static Descriptor resolve(ArchiveBlobs blobs, Descriptor entry, Platform platform,
      String where, int depth) {
    String type = entry.mediaType();
    if (MediaTypes.isManifest(type)) {
      boolean other = depth == 0 && entry.platform() != null && !entry.platform().matches(platform);
      return other ? null : entry;
    }
    if (!MediaTypes.isIndex(type)) {
      throw BerthException.invalid(where + ": unsupported media type \"" + type + "\"");
    }
    if (depth >= MAX_DEPTH) {
      throw BerthException.invalid(where + ": indexes nested more than " + MAX_DEPTH + " deep");
    }
    ImageIndex nested = index(blobs.bytes(found(blobs, entry, where)), "index " + entry.digest());
    Descriptor chosen;
    try {
      chosen = nested.select(platform);
    } catch (BerthException e) {
      throw e.wrap(where);
    }
    return resolve(blobs, chosen, platform, where + " -> " + chosen.digest(), depth + 1);
  }

  private static ArchiveImage image(ArchiveBlobs blobs, Descriptor d, List<String> tags) {
    String where = "manifest " + d.digest();
    ManifestDocument doc;
    try {
      doc = ManifestParser.parse(blobs.bytes(found(blobs, d, INDEX)), d.mediaType());
    } catch (BerthException e) {
      throw e.kind() == ErrorKind.INVALID_ARGUMENT ? e.wrap(where) : e;
    }
    if (!(doc instanceof ImageManifest manifest)) {
      throw BerthException.invalid(where + ": is an index, but its descriptor says "
          + d.mediaType());
    }
    if (!MediaTypes.isConfig(manifest.config().mediaType())) {
      throw BerthException.invalid(where + ": config has unsupported media type \""
          + manifest.config().mediaType() + "\"");
    }
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      if (!MediaTypes.isLayer(layer.mediaType())) {
        throw BerthException.invalid(where + ": layer " + i + " (" + layer.digest()
            + ") has unsupported media type \"" + layer.mediaType() + "\"");
      }
      paths.add(found(blobs, layer, where + ": layer " + i).path());
    }
    ArchiveScan.Found configFile = found(blobs, manifest.config(), where + ": config");
    ImageConfig config = ArchiveBlobs.config(blobs.bytes(configFile), manifest.config().digest()
        + " (" + configFile.path() + ")");
    ArchiveBlobs.checkDiffIds(config, manifest.layers(), paths, where);
    Descriptor stored = new Descriptor(d.mediaType(), d.digest(), d.size(), null, null,
        d.platform(), d.artifactType(), null);
    return new ArchiveImage(stored, manifest, config, manifest.config().digest(), tags);
  }

  /** The blob a descriptor names, which must be in the archive with the descriptor's size. */
  private static ArchiveScan.Found found(ArchiveBlobs blobs, Descriptor d, String where) {
    String path = "blobs/" + d.digest().algorithm() + "/" + d.digest().hex();
    ArchiveScan.Found f = blobs.scan.find(path);
    if (f == null) {
      throw BerthException.notFound(where + ": blob " + d.digest() + " is not in the archive"
          + " (no " + path + ")");
    }
    StoredFile s = blobs.blob(f);
    if (!s.digest().equals(d.digest())) {
      // a link under blobs/ to some other file
      throw BerthException.invalid("archive blob \"" + path + "\" has digest " + s.digest());
    }
    if (s.size() != d.size()) {
      throw BerthException.invalid(where + ": blob " + d.digest() + " is " + s.size()
          + " bytes, the descriptor says " + d.size());
    }
    return f;
  }

  private static ImageIndex index(byte[] json, String what) {
    ManifestDocument doc;
    try {
      doc = ManifestParser.parse(json, MediaTypes.OCI_INDEX);
    } catch (BerthException e) {
      throw e.wrap(what);
    }
    if (!(doc instanceof ImageIndex index)) {
      throw BerthException.invalid(what + ": is an image manifest, not an index");
    }
    return index;
  }

  /** The name of an index entry: a full reference, else the ref name (a tag or a reference). */
  private static String tag(Descriptor entry) {
    Map<String, String> a = entry.annotations();
    if (a == null) {
      return null;
    }
    String name = a.get(IMAGE_NAME);
    if (name != null && !name.isEmpty()) {
      return name;
    }
    String ref = a.get(REF_NAME);
    return ref == null || ref.isEmpty() ? null : ref;
  }
}

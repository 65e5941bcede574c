package dev.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.error.BerthException;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.MediaTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of a {@code docker save} archive, from its {@code manifest.json}: {@code
 * [{"Config": path, "RepoTags": [...], "Layers": [path, ...]}]}. Paths are {@code <hex>.json}
 * and {@code <v1id>/layer.tar} (Docker 20.10) or {@code blobs/sha256/<hex>} (Docker 25+).
 */
final class DockerArchive {
  static final String MANIFEST = "manifest.json";

  private DockerArchive() {}

  static List<ArchiveImage> images(ArchiveBlobs blobs, byte[] manifestJson) {
    JsonNode root = ArchiveJson.tree(manifestJson, MANIFEST);
    if (!root.isArray()) {
      throw BerthException.invalid(MANIFEST + ": expected a JSON array, got "
          + root.getNodeType().name().toLowerCase());
    }
    List<ArchiveImage> images = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      images.add(image(blobs, root.get(i), MANIFEST + "[" + i + "]"));
    }
    if (images.isEmpty()) {
      throw BerthException.invalid(MANIFEST + ": lists no images");
    }
    return images;
  }

  private static ArchiveImage image(ArchiveBlobs blobs, JsonNode item, String where) {
    if (!item.isObject()) {
      throw BerthException.invalid(where + ": expected an object, got "
          + item.getNodeType().name().toLowerCase());
    }
    JsonNode configNode = item.get("Config");
    if (configNode == null || !configNode.isTextual() || configNode.textValue().isEmpty()) {
      throw BerthException.invalid(where + ": Config is missing");
    }
    String configPath = configNode.textValue();
    List<String> layerPaths = strings(item.get("Layers"), where + ".Layers");
    List<String> repoTags = strings(item.get("RepoTags"), where + ".RepoTags");

    ArchiveScan.Found configFile = blobs.require(configPath, where + ": Config");
    byte[] configJson = blobs.bytes(configFile);
    ImageConfig config = ArchiveBlobs.config(configJson, "\"" + configPath + "\"");
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i < layerPaths.size(); i++) {
      StoredFile layer = blobs.blob(blobs.require(layerPaths.get(i), where + ": layer " + i));
      layers.add(Descriptor.of(MediaTypes.ociLayer(layer.compression()), layer.digest(),
          layer.size()));
    }
    ArchiveBlobs.checkDiffIds(config, layers, layerPaths, where);

    Digest configDigest = blobs.blob(configFile).digest();
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length), layers);
    return new ArchiveImage(blobs.putManifest(manifest), manifest, config, configDigest,
        repoTags);
  }

  /** A JSON array of strings; missing or null is empty. */
  private static List<String> strings(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw BerthException.invalid(where + ": expected an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      if (!s.isTextual() || s.textValue().isEmpty()) {
        throw BerthException.invalid(where + "[" + i + "]: expected a non-empty string, got "
            + s);
      }
      out.add(s.textValue());
    }
    return out;
  }
}

package dev.berth.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.error.BerthException;
import java.io.IOException;

/**
 * Reads what a registry or layout returns for a manifest. The kind comes from the JSON's own
 * {@code mediaType}, else the hint (a Content-Type, parameters allowed), else the shape: a
 * {@code manifests} array is an index, a {@code config} object a manifest.
 */
public final class ManifestParser {
  private ManifestParser() {}

  public static ManifestDocument parse(byte[] json, String mediaTypeHint) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw Json.translate("parsing manifest", e);
    }
    if (tree == null || !tree.isObject()) {
      throw BerthException.invalid("parsing manifest: not a JSON object");
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null || !version.isInt() || version.intValue() != 2) {
      throw BerthException.invalid("parsing manifest: unsupported schemaVersion "
          + (version == null ? "(missing)" : version.toString()) + " (expected 2)");
    }
    JsonNode typeNode = tree.get("mediaType");
    String mediaType = typeNode != null && typeNode.isTextual() ? typeNode.textValue()
        : mediaTypeHint;
    Class<? extends ManifestDocument> kind;
    if (mediaType != null && !mediaType.isBlank()) {
      if (MediaTypes.isManifest(mediaType)) {
        kind = ImageManifest.class;
      } else if (MediaTypes.isIndex(mediaType)) {
        kind = ImageIndex.class;
      } else {
        throw BerthException.invalid("parsing manifest: unsupported media type \"" + mediaType
            + "\"");
      }
    } else if (tree.has("manifests")) {
      kind = ImageIndex.class;
    } else if (tree.has("config")) {
      kind = ImageManifest.class;
    } else {
      throw BerthException.invalid("parsing manifest: no mediaType and neither config nor manifests");
    }
    try {
      return Json.MAPPER.treeToValue(tree, kind);
    } catch (IOException e) {
      throw Json.translate("parsing manifest", e);
    }
  }

  /** The JSON of a manifest or index, compact. */
  public static byte[] write(ManifestDocument document) {
    return Json.write(document);
  }
}

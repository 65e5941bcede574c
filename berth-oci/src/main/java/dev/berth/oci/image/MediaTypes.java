package dev.berth.oci.image;

import dev.berth.error.BerthException;
import java.util.Map;

/** The media types of OCI and Docker v2 schema 2 images, and what each one is. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYER_NONDISTRIBUTABLE =
      "application/vnd.oci.image.layer.nondistributable.v1.tar";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_ZSTD =
      "application/vnd.docker.image.rootfs.diff.tar.zstd";
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar";
  public static final String DOCKER_FOREIGN_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private static final Map<String, Compression> LAYERS = Map.ofEntries(
      Map.entry(OCI_LAYER, Compression.NONE),
      Map.entry(OCI_LAYER_GZIP, Compression.GZIP),
      Map.entry(OCI_LAYER_ZSTD, Compression.ZSTD),
      Map.entry(OCI_LAYER_NONDISTRIBUTABLE, Compression.NONE),
      Map.entry(OCI_LAYER_NONDISTRIBUTABLE_GZIP, Compression.GZIP),
      Map.entry(OCI_LAYER_NONDISTRIBUTABLE_ZSTD, Compression.ZSTD),
      Map.entry(DOCKER_LAYER, Compression.NONE),
      Map.entry(DOCKER_LAYER_GZIP, Compression.GZIP),
      Map.entry(DOCKER_LAYER_ZSTD, Compression.ZSTD),
      Map.entry(DOCKER_FOREIGN_LAYER, Compression.NONE),
      Map.entry(DOCKER_FOREIGN_LAYER_GZIP, Compression.GZIP));

  private MediaTypes() {}

  /** An image manifest, OCI or Docker schema 2. Parameters ({@code ;charset=…}) are ignored. */
  public static boolean isManifest(String mediaType) {
    String t = base(mediaType);
    return OCI_MANIFEST.equals(t) || DOCKER_MANIFEST.equals(t);
  }

  /** An image index or Docker manifest list. */
  public static boolean isIndex(String mediaType) {
    String t = base(mediaType);
    return OCI_INDEX.equals(t) || DOCKER_MANIFEST_LIST.equals(t);
  }

  /** An image config, OCI or Docker. */
  public static boolean isConfig(String mediaType) {
    String t = base(mediaType);
    return OCI_CONFIG.equals(t) || DOCKER_CONFIG.equals(t);
  }

  /** A layer this engine can unpack: OCI or Docker, distributable or not. */
  public static boolean isLayer(String mediaType) {
    return mediaType != null && LAYERS.containsKey(base(mediaType));
  }

  /** Nondistributable (OCI) or foreign (Docker): fetched from the descriptor's urls, never pushed. */
  public static boolean isNondistributable(String mediaType) {
    String t = base(mediaType);
    return t != null && (t.startsWith("application/vnd.oci.image.layer.nondistributable.")
        || t.startsWith("application/vnd.docker.image.rootfs.foreign."));
  }

  /** The compression of a layer; an unknown layer media type is an error naming it. */
  public static Compression compressionOf(String mediaType) {
    Compression c = mediaType == null ? null : LAYERS.get(base(mediaType));
    if (c == null) {
      throw BerthException.invalid("unsupported layer media type \"" + mediaType + "\"");
    }
    return c;
  }

  /** The OCI layer media type of a blob with compression {@code c}. */
  public static String ociLayer(Compression c) {
    return switch (c) {
      case NONE -> OCI_LAYER;
      case GZIP -> OCI_LAYER_GZIP;
      case ZSTD -> OCI_LAYER_ZSTD;
    };
  }

  /** The media type without parameters and surrounding blanks; null stays null. */
  static String base(String mediaType) {
    if (mediaType == null) {
      return null;
    }
    int semi = mediaType.indexOf(';');
    return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim();
  }
}

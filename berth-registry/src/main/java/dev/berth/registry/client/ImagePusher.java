package dev.berth.registry.client;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentProvider;
import dev.berth.image.distribution.LayerBlob;
import dev.berth.image.distribution.LayerBlobs;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestDocument;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A push of one stored image under one tag: layers ({@code parallel} at a time) and config
 * unless the repository has them, mounted from another repository of the same registry when the
 * image came from one, then the manifest.
 *
 * <p>Compressed layers (pulled ones) go as they are. Plain layers (committed, imported, loaded)
 * go gzip-compressed as docker sends them: first the blobs {@link LayerBlobs} remembers for the
 * layer in this registry are tried (present in the repository: nothing sent; in another one:
 * mounted), else the layer is compressed while it streams up and the blob it became is
 * remembered. The manifest then names the compressed blobs, so its digest is not the stored
 * one; with no plain layer the stored manifest's exact bytes are pushed.
 */
public final class ImagePusher {
  private final RegistryClient client;
  private final ContentProvider content;
  private final LayerBlobs known;
  private final int parallel;
  private final ProgressListener progress;

  /** {@code known}: where plain layers went before; null to compress every one afresh. */
  public ImagePusher(RegistryClient client, ContentProvider content, LayerBlobs known,
      int parallel, ProgressListener progress) {
    this.client = client;
    this.content = content;
    this.known = known;
    this.parallel = parallel;
    this.progress = progress;
  }

  public ImagePusher(RegistryClient client, ContentProvider content, int parallel,
      ProgressListener progress) {
    this(client, content, null, parallel, progress);
  }

  /**
   * Pushes the image whose stored manifest is {@code manifest} as {@code target} (which has a
   * tag). {@code mountFrom}: other repositories of this registry naming the image, tried as
   * mount sources.
   */
  public PushResult push(ImageReference target, Descriptor manifest, List<String> mountFrom) {
    try {
      return pushTagged(target, manifest, mountFrom);
    } catch (RegistryException e) {
      if (e.code().equals(RegistryException.NO_CREDENTIALS)) {
        // docker's push reports the bare reason, without the request it failed on
        throw new RegistryException(e.status(), e.code(), RegistryException.NO_BASIC_AUTH);
      }
      throw e;
    }
  }

  private PushResult pushTagged(ImageReference target, Descriptor manifest,
      List<String> mountFrom) {
    String tag = target.tag().orElseThrow(() ->
        BerthException.invalid("push of " + target + " needs a tag"));
    String repo = target.repository();
    byte[] bytes = read(manifest.digest());
    ManifestDocument doc = ManifestParser.parse(bytes, manifest.mediaType());
    if (!(doc instanceof ImageManifest m)) {
      throw BerthException.invalid("image " + target + " has no single image manifest to push");
    }
    List<Digest> diffIds = diffIds(m);
    String from = mountFrom.stream().filter(r -> !r.equals(repo)).findFirst().orElse(null);
    Map<Digest, Integer> layers = new LinkedHashMap<>();
    for (int i = m.layers().size() - 1; i >= 0; i--) {
      layers.putIfAbsent(m.layers().get(i).digest(), i);
    }
    Map<Digest, Descriptor> sent = new ConcurrentHashMap<>();
    List<Runnable> uploads = new ArrayList<>();
    for (int i : layers.values()) {
      Descriptor l = m.layers().get(i);
      if (MediaTypes.isNondistributable(l.mediaType())) {
        continue; // foreign layers stay where their urls point
      }
      String id = ProgressListener.shortId(l.digest());
      progress.status(id, "Preparing");
      Digest diffId = diffIds.isEmpty() ? null : diffIds.get(i);
      boolean plain = MediaTypes.compressionOf(l.mediaType()) == Compression.NONE;
      uploads.add(plain && diffId != null
          ? () -> sent.put(l.digest(), pushPlain(repo, l, diffId, m.docker(), id))
          : () -> pushBlob(repo, l, from, id));
    }
    Transfers.runAll(uploads, parallel);
    pushBlob(repo, m.config(), from, null);
    String type = manifest.mediaType() != null ? manifest.mediaType()
        : m.mediaType() != null ? m.mediaType() : MediaTypes.OCI_MANIFEST;
    if (!sent.isEmpty()) {
      List<Descriptor> named = m.layers().stream().map(l -> sent.getOrDefault(l.digest(), l))
          .toList();
      bytes = ManifestParser.write(new ImageManifest(m.schemaVersion(), m.mediaType(),
          m.artifactType(), m.config(), named, m.subject(), m.annotations()));
    }
    var digest = client.pushManifest(repo, tag, type, bytes);
    progress.status(null, tag + ": digest: " + digest + " size: " + bytes.length);
    return new PushResult(tag, digest, bytes.length);
  }

  /** The config's diff_ids, one per manifest layer; empty when they do not pair up. */
  private List<Digest> diffIds(ImageManifest m) {
    ImageConfig config = ImageConfig.parse(read(m.config().digest()));
    List<Digest> ids = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    return ids.size() == m.layers().size() ? ids : List.of();
  }

  private void pushBlob(String repo, Descriptor blob, String from, String id) {
    long size = content.info(blob.digest()).size();
    RegistryClient.BlobPush how = client.pushBlob(repo, blob.digest(), size, from,
        () -> content.open(blob.digest()), id == null ? n -> { }
            : new Throttle(size, n -> progress.progress(id, "Pushing", n, size)));
    if (id != null) {
      progress.status(id, switch (how) {
        case EXISTED -> "Layer already exists";
        case MOUNTED -> "Mounted from " + from;
        case UPLOADED -> "Pushed";
      });
    }
  }

  /**
   * A plain layer: a blob it was compressed into before, when this registry still has it, else
   * the layer compressed as it streams up. Returns the descriptor the manifest names.
   */
  private Descriptor pushPlain(String repo, Descriptor layer, Digest diffId, boolean docker,
      String id) {
    String registry = client.endpoint().domain();
    List<LayerBlob> before = known == null ? List.of() : known.find(diffId).stream()
        .filter(b -> b.registry().equals(registry))
        .filter(b -> MediaTypes.compressionOf(b.blob().mediaType()) != Compression.NONE)
        .sorted((a, b) -> Boolean.compare(!a.repository().equals(repo),
            !b.repository().equals(repo))) // this repository's first
        .toList();
    URI session = null;
    for (LayerBlob b : before) {
      Descriptor blob = as(docker, b.blob());
      if (b.repository().equals(repo)) {
        if (client.blobExists(repo, blob.digest())) {
          progress.status(id, "Layer already exists");
          return blob;
        }
      } else if (session == null) {
        Optional<URI> offered = client.mountBlob(repo, blob.digest(), b.repository());
        if (offered.isEmpty()) {
          remember(diffId, blob, registry, repo);
          progress.status(id, "Mounted from " + b.repository());
          return blob;
        }
        session = offered.get(); // not mounted: the upload goes into the session offered
      }
    }
    long size = layer.size();
    BlobPusher.Sent sent = client.pushGzip(repo, session, () -> content.open(layer.digest()),
        new Throttle(size, n -> progress.progress(id, "Pushing", n, size)));
    Descriptor blob = Descriptor.of(docker ? MediaTypes.DOCKER_LAYER_GZIP
        : MediaTypes.OCI_LAYER_GZIP, sent.digest(), sent.size());
    remember(diffId, blob, registry, repo);
    progress.status(id, "Pushed");
    return blob;
  }

  private void remember(Digest diffId, Descriptor blob, String registry, String repo) {
    if (known != null) {
      known.add(new LayerBlob(diffId, blob, registry, repo));
    }
  }

  /** {@code blob} under the layer media type of the manifest's kind (OCI or Docker). */
  private static Descriptor as(boolean docker, Descriptor blob) {
    Compression c = MediaTypes.compressionOf(blob.mediaType());
    String type = !docker ? MediaTypes.ociLayer(c) : c == Compression.ZSTD
        ? MediaTypes.DOCKER_LAYER_ZSTD : MediaTypes.DOCKER_LAYER_GZIP;
    return Descriptor.of(type, blob.digest(), blob.size());
  }

  private byte[] read(Digest d) {
    try (InputStream in = content.open(d)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw BerthException.system("reading " + d + ": " + e.getMessage(), e);
    }
  }
}

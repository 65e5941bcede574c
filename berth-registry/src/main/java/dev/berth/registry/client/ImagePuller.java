package dev.berth.registry.client;

import dev.berth.error.BerthException;
import dev.berth.image.archive.LayerTap;
import dev.berth.image.content.BlobWriter;
import dev.berth.image.content.ContentStore;
import dev.berth.image.pull.ImageSource;
import dev.berth.image.pull.PulledImage;
import dev.berth.image.unpack.ExtractProgress;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageIndex;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestDocument;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull of one image: the manifest by tag or digest (an index narrowed to {@code platform}),
 * then the config and every layer the store lacks, {@code parallel} at a time, each written
 * through the content store's verifying writer and, when the image service passes a tap, copied
 * to layer extraction as it arrives. Endpoints are tried in order (docker.io mirrors first); a
 * mirror whose manifest fetch fails is skipped, and the endpoint that answered serves the blobs.
 * The image service reports each layer's extraction back through {@link #extraction()}; the
 * caller sends the closing {@code Digest:} line once the image is committed.
 */
public final class ImagePuller implements ImageSource {
  /** Docker's default number of concurrent layer downloads. */
  public static final int DEFAULT_PARALLEL = 3;

  private final List<RegistryClient> clients;
  private final ImageReference ref;
  private final Platform platform;
  private final int parallel;
  private final ProgressListener progress;
  private final PullProgress layerProgress;
  private volatile ManifestResponse resolved;
  private final List<String> downloaded = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ImagePuller(List<RegistryClient> clients, ImageReference ref, Platform platform,
      int parallel, ProgressListener progress) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no registry endpoint for " + ref);
    }
    this.clients = List.copyOf(clients);
    this.ref = ref;
    this.platform = platform == null ? Platform.host() : platform;
    this.parallel = parallel;
    this.progress = progress;
    this.layerProgress = new PullProgress(progress);
  }

  /** A puller over {@code hosts}' endpoints for the reference's registry. */
  public static ImagePuller of(RegistryHosts hosts, Credentials credentials, ImageReference ref,
      Platform platform, ProgressListener progress) {
    List<RegistryClient> clients = hosts.pullEndpoints(ref.domain()).stream()
        .map(e -> new RegistryClient(e, credentials)).toList();
    return new ImagePuller(clients, ref, platform, DEFAULT_PARALLEL, progress);
  }

  /** The digest of what the reference resolved to (an index or a manifest), after a fetch. */
  public ManifestResponse resolved() {
    return resolved;
  }

  /** The short ids of the layers this pull downloaded (the others were here already). */
  public List<String> downloaded() {
    return List.copyOf(downloaded);
  }

  /** Extraction news, turned into {@code Extracting} and {@code Pull complete} lines. */
  @Override
  public ExtractProgress extraction() {
    return layerProgress;
  }

  @Override
  public PulledImage fetch(ContentStore content, LayerTap tap) {
    String reference = ref.digest().orElse(ref.tagOrLatest());
    RegistryException failure = null;
    for (RegistryClient client : clients) {
      ManifestResponse top;
      try {
        top = client.pullManifest(ref.repository(), reference);
      } catch (RegistryException e) {
        if (client.endpoint().mirror()) {
          failure = e;
          continue; // Docker falls back from a mirror to the registry
        }
        throw e;
      }
      return fetchFrom(client, top, content, tap);
    }
    throw failure;
  }

  private PulledImage fetchFrom(RegistryClient client, ManifestResponse top,
      ContentStore content, LayerTap tap) {
    resolved = top;
    // the first message, only once the manifest is there: errors before it are plain HTTP ones
    progress.status(ref.digest().isPresent() && ref.tag().isEmpty() ? ref.digest().get()
        : ref.tagOrLatest(), "Pulling from " + ref.path());
    String repo = ref.repository();
    ManifestResponse chosen = top;
    ManifestDocument doc = parse(top, "manifest of " + ref);
    if (doc instanceof ImageIndex index) {
      Descriptor d;
      try {
        d = index.select(platform);
      } catch (BerthException e) {
        throw BerthException.notFound("no matching manifest for " + platform + " in the manifest"
            + " list entries of " + ref.familiar() + " (" + e.getMessage() + ")");
      }
      chosen = client.pullManifest(repo, d.digest().toString());
      if (chosen.bytes().length != d.size()) {
        throw BerthException.invalid("manifest " + d.digest() + " is " + chosen.bytes().length
            + " bytes but the index says " + d.size());
      }
      doc = parse(chosen, "manifest " + d.digest());
    }
    if (!(doc instanceof ImageManifest manifest)) {
      throw BerthException.invalid("manifest of " + ref + " is neither an image nor an index");
    }
    ImageConfig config = config(client, manifest.config(), content);
    content.put(chosen.bytes());
    Map<String, Descriptor> layers = new LinkedHashMap<>();
    for (Descriptor l : manifest.layers()) {
      if (!MediaTypes.isLayer(l.mediaType())) {
        throw BerthException.invalid("layer " + l.digest() + " of " + ref
            + " has unsupported media type \"" + l.mediaType() + "\"");
      }
      layers.putIfAbsent(l.digest().toString(), l);
    }
    List<Runnable> downloads = new ArrayList<>();
    for (Descriptor l : layers.values()) {
      String id = ProgressListener.shortId(l.digest());
      if (content.exists(l.digest())) {
        progress.status(id, "Already exists");
      } else {
        progress.status(id, "Pulling fs layer");
        downloaded.add(id);
        downloads.add(() -> download(client, l, content, tap));
      }
    }
    Transfers.runAll(downloads, parallel);
    List<String> names = new ArrayList<>();
    if (ref.tag().isPresent() || ref.digest().isEmpty()) {
      names.add(ref.name() + ":" + ref.tagOrLatest());
    }
    names.add(ref.name() + "@" + top.digest());
    String type = chosen.mediaType() != null ? chosen.mediaType()
        : manifest.mediaType() != null ? manifest.mediaType() : MediaTypes.OCI_MANIFEST;
    return new PulledImage(Descriptor.of(type, chosen.digest(), chosen.bytes().length), manifest,
        config, names);
  }

  private ImageConfig config(RegistryClient client, Descriptor d, ContentStore content) {
    if (!content.exists(d.digest())) {
      try (BlobWriter w = content.writer(d.digest(), d.size())) {
        client.pullBlob(ref.repository(), d.digest(), d.size(), w, n -> { });
        w.commit();
      }
    }
    try (InputStream in = content.open(d.digest())) {
      return ImageConfig.parse(in.readAllBytes());
    } catch (IOException e) {
      throw BerthException.system("reading config " + d.digest() + ": " + e.getMessage(), e);
    } catch (BerthException e) {
      throw e.wrap("config " + d.digest() + " of " + ref);
    }
  }

  private void download(RegistryClient client, Descriptor layer, ContentStore content,
      LayerTap tap) {
    String id = ProgressListener.shortId(layer.digest());
    LayerTap.Feed feed = null;
    boolean done = false;
    try (BlobWriter w = content.writer(layer.digest(), layer.size())) {
      feed = tap == null ? null : tap.open(layer.digest().toString(), layer.size());
      OutputStream out = feed == null ? w : tee(w, feed);
      progress.progress(id, "Downloading", 0, layer.size());
      client.pullBlob(ref.repository(), layer.digest(), layer.size(), out, new Throttle(
          layer.size(), n -> progress.progress(id, "Downloading", n, layer.size())));
      progress.status(id, "Verifying Checksum");
      w.commit(); // the digest and size checked before the blob is visible
      if (feed != null) {
        feed.complete(layer.digest(), true);
      }
      done = true;
      layerProgress.downloadComplete(layer.digest());
    } finally {
      if (feed != null && !done) {
        feed.abort(); // never leave an extraction waiting for bytes
      }
    }
  }

  private static OutputStream tee(BlobWriter w, LayerTap.Feed feed) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        w.write(b, off, len);
        feed.write(b, off, len);
      }
    };
  }

  private static ManifestDocument parse(ManifestResponse r, String what) {
    try {
      return ManifestParser.parse(r.bytes(), r.mediaType());
    } catch (BerthException e) {
      throw e.wrap(what);
    }
  }
}

package dev.berth.registry.client;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentProvider;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestDocument;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A push of one stored image under one tag: layers ({@code parallel} at a time) and config
 * unless the repository has them, mounted from another repository of the same registry when the
 * image came from one, then the manifest's exact bytes, so the pushed digest is the stored one.
 */
public final class ImagePusher {
  private final RegistryClient client;
  private final ContentProvider content;
  private final int parallel;
  private final ProgressListener progress;

  public ImagePusher(RegistryClient client, ContentProvider content, int parallel,
      ProgressListener progress) {
    this.client = client;
    this.content = content;
    this.parallel = parallel;
    this.progress = progress;
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
    byte[] bytes = read(manifest);
    ManifestDocument doc = ManifestParser.parse(bytes, manifest.mediaType());
    if (!(doc instanceof ImageManifest m)) {
      throw BerthException.invalid("image " + target + " has no single image manifest to push");
    }
    String from = mountFrom.stream().filter(r -> !r.equals(repo)).findFirst().orElse(null);
    Map<String, Descriptor> layers = new LinkedHashMap<>();
    m.layers().reversed().forEach(l -> layers.putIfAbsent(l.digest().toString(), l));
    List<Runnable> uploads = new ArrayList<>();
    for (Descriptor l : layers.values()) {
      if (MediaTypes.isNondistributable(l.mediaType())) {
        continue; // foreign layers stay where their urls point
      }
      String id = ProgressListener.shortId(l.digest());
      progress.status(id, "Preparing");
      uploads.add(() -> pushBlob(repo, l, from, id));
    }
    Transfers.runAll(uploads, parallel);
    pushBlob(repo, m.config(), from, null);
    String type = manifest.mediaType() != null ? manifest.mediaType()
        : m.mediaType() != null ? m.mediaType() : MediaTypes.OCI_MANIFEST;
    var digest = client.pushManifest(repo, tag, type, bytes);
    progress.status(null, tag + ": digest: " + digest + " size: " + bytes.length);
    return new PushResult(tag, digest, bytes.length);
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

  private byte[] read(Descriptor d) {
    try (InputStream in = content.open(d.digest())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw BerthException.system("reading manifest " + d.digest() + ": " + e.getMessage(), e);
    }
  }
}

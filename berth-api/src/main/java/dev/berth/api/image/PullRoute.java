package dev.berth.api.image;

import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.ImageService;
import dev.berth.image.LoadedImage;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import dev.berth.registry.client.ImagePuller;
import dev.berth.registry.client.RegistryClient;
import dev.berth.registry.client.RegistryHosts;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code POST /images/create?fromImage=…&tag=…&platform=…}: a pull through the registry client,
 * with moby's progress stream. An empty tag on a name without one pulls every tag ({@code
 * docker pull -a}); a tag holding ':' is a digest.
 */
final class PullRoute {
  private final ImageService images;
  private final RegistryHosts hosts;
  private final BiConsumer<String, String> pulled;

  /** {@code pulled} is told (id, name) of each pulled image, for the event log. */
  PullRoute(ImageService images, RegistryHosts hosts, BiConsumer<String, String> pulled) {
    this.images = images;
    this.hosts = hosts;
    this.pulled = pulled;
  }

  void handle(Request req, Response res, String fromImage) {
    String tag = req.query("tag");
    ImageReference ref = ImageReference.parse(fromImage);
    boolean allTags = (tag == null || tag.isEmpty()) && ref.tag().isEmpty()
        && ref.digest().isEmpty();
    if (tag != null && !tag.isEmpty()) {
      ref = tag.contains(":") ? ref.withDigest(tag) : ref.withTag(tag);
    }
    String platformText = req.query("platform");
    Platform platform = platformText == null || platformText.isEmpty() ? Platform.host()
        : Platform.parse(platformText);
    RegistryAuth auth = RegistryAuth.fromHeader(req.header("X-Registry-Auth"));
    StreamProgress progress = new StreamProgress(res);
    boolean newer = false;
    if (allTags) {
      RegistryClient lister = new RegistryClient(hosts.endpoint(ref.domain()),
          auth.credentials());
      List<String> tags = lister.listTags(ref.repository());
      for (String t : tags) {
        newer |= pullOne(ref.withTag(t), platform, auth, progress);
      }
    } else {
      newer = pullOne(ref, platform, auth, progress);
    }
    String shown = allTags ? ref.familiarName() : ref.familiar();
    if (!allTags && ref.tag().isEmpty() && ref.digest().isEmpty()) {
      shown += ":latest";
    }
    progress.status(null, newer ? "Status: Downloaded newer image for " + shown
        : "Status: Image is up to date for " + shown);
  }

  /** Pulls one reference; true when the name now points at a different image. */
  private boolean pullOne(ImageReference ref, Platform platform, RegistryAuth auth,
      StreamProgress progress) {
    Digest before = resolve(ref);
    ImagePuller puller = ImagePuller.of(hosts, auth.credentials(), ref, platform, progress);
    LoadedImage image = images.pull(puller);
    // after every layer's Pull complete, as docker has it
    progress.status(null, "Digest: " + puller.resolved().digest());
    pulled.accept(image.id().toString(), ref.familiar());
    return !image.id().equals(before);
  }

  private Digest resolve(ImageReference ref) {
    try {
      return images.resolve(ref.toString());
    } catch (BerthException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}

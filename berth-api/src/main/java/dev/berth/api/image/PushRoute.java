package dev.berth.api.image;

import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.ImageDetail;
import dev.berth.image.ImageService;
import dev.berth.oci.reference.ImageReference;
import dev.berth.registry.client.ImagePuller;
import dev.berth.registry.client.ImagePusher;
import dev.berth.registry.client.PushResult;
import dev.berth.registry.client.RegistryClient;
import dev.berth.registry.client.RegistryHosts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code POST /images/{name}/push?tag=…}: pushes one tag, or with no tag every local tag of the
 * repository, with moby's stream: {@code The push refers to repository […]}, per layer {@code
 * Preparing}, {@code Pushing}, {@code Pushed} / {@code Layer already exists} / {@code Mounted
 * from …}, then {@code <tag>: digest: … size: N} and the aux {@code {"Tag","Digest","Size"}}.
 */
final class PushRoute {
  private final ImageService images;
  private final RegistryHosts hosts;
  private final BiConsumer<String, String> pushed;

  PushRoute(ImageService images, RegistryHosts hosts, BiConsumer<String, String> pushed) {
    this.images = images;
    this.hosts = hosts;
    this.pushed = pushed;
  }

  void handle(Request req, Response res) {
    ImageReference repo = ImageReference.parse(req.param("name"));
    String tag = req.query("tag");
    List<ImageReference> targets = new ArrayList<>();
    if (tag != null && !tag.isEmpty()) {
      targets.add(repo.withTag(tag));
    } else if (repo.tag().isPresent()) {
      targets.add(repo);
    } else {
      targets.addAll(localTags(repo));
    }
    List<ImageDetail> details = new ArrayList<>();
    for (ImageReference t : targets) {
      details.add(inspect(t)); // a missing image is an HTTP 404, before the stream starts
    }
    if (targets.isEmpty()) {
      throw BerthException.notFound("An image does not exist locally with the tag: "
          + repo.familiarName());
    }
    RegistryAuth auth = RegistryAuth.fromHeader(req.header("X-Registry-Auth"));
    RegistryClient client = new RegistryClient(hosts.endpoint(repo.domain()),
        auth.credentials());
    StreamProgress progress = new StreamProgress(res);
    progress.status(null, "The push refers to repository [" + repo.name() + "]");
    ImagePusher pusher = new ImagePusher(client, images.content(), images.layerBlobs(),
        ImagePuller.DEFAULT_PARALLEL, progress);
    for (int i = 0; i < targets.size(); i++) {
      ImageDetail d = details.get(i);
      PushResult r = pusher.push(targets.get(i), d.manifest(), mountSources(d, repo));
      progress.send(Json.object("progressDetail", Map.of(), "aux", Json.object(
          "Tag", r.tag(), "Digest", r.digest().toString(), "Size", r.size())));
      pushed.accept(d.id().toString(), targets.get(i).familiar());
    }
  }

  private ImageDetail inspect(ImageReference target) {
    try {
      return images.inspect(target.toString());
    } catch (BerthException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw BerthException.notFound("An image does not exist locally with the tag: "
            + target.familiarName());
      }
      throw e;
    }
  }

  /** The local tags of {@code repo}, as references. */
  private List<ImageReference> localTags(ImageReference repo) {
    List<ImageReference> out = new ArrayList<>();
    for (var s : images.list(true, Map.of())) {
      for (String t : s.repoTags()) {
        ImageReference r = ImageReference.parse(t);
        if (r.name().equals(repo.name()) && r.tag().isPresent()) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Other repositories of the same registry naming this image: blobs may be mounted from them. */
  private static List<String> mountSources(ImageDetail d, ImageReference repo) {
    Set<String> out = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(d.repoDigests());
    names.addAll(d.repoTags());
    for (String n : names) {
      ImageReference r = ImageReference.parse(n);
      if (r.domain().equals(repo.domain()) && !r.repository().equals(repo.repository())) {
        out.add(r.repository());
      }
    }
    return List.copyOf(out);
  }
}

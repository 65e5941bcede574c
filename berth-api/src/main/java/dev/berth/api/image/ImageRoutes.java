package dev.berth.api.image;

import dev.berth.api.http.JsonStream;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.error.BerthException;
import dev.berth.image.ImageService;
import dev.berth.image.ImageUsage;
import dev.berth.image.ImportOptions;
import dev.berth.image.LoadedImage;
import dev.berth.image.PruneReport;
import dev.berth.oci.image.Platform;
import dev.berth.registry.client.RegistryHosts;
import java.io.OutputStream;
import java.util.List;

/**
 * The image endpoints over {@link ImageService}: list, inspect, history, tag, remove, prune,
 * save, load, import, and through the registry client pull ({@link PullRoute}), push ({@link
 * PushRoute}), login ({@link LoginRoute}) and search ({@link SearchRoute}).
 */
public final class ImageRoutes implements RouteGroup {
  private final ImageService images;
  private final ImageUsage usage;
  private final dev.berth.engine.EventLog events;
  private final PullRoute pulls;
  private final PushRoute pushes;
  private final LoginRoute logins;
  private final SearchRoute searches;

  /** {@code usage} answers which containers use an image ({@link ImageUsage#NONE} for none). */
  public ImageRoutes(ImageService images, ImageUsage usage) {
    this(images, usage, new dev.berth.engine.EventLog());
  }

  /** As above, telling {@code events} of tags, untags, deletes, loads and imports. */
  public ImageRoutes(ImageService images, ImageUsage usage, dev.berth.engine.EventLog events) {
    this(images, usage, events, RegistryHosts.defaults());
  }

  /** As above, reaching registries as {@code hosts} says (insecure registries, mirrors, CAs). */
  public ImageRoutes(ImageService images, ImageUsage usage, dev.berth.engine.EventLog events,
      RegistryHosts hosts) {
    this.images = images;
    this.usage = usage;
    this.events = events;
    this.pulls = new PullRoute(images, hosts, (id, name) -> event("pull", id, name));
    this.pushes = new PushRoute(images, hosts, (id, name) -> event("push", id, name));
    this.logins = new LoginRoute(hosts);
    this.searches = new SearchRoute(hosts);
  }

  private void event(String action, String id, String name) {
    events.publish("image", action, id, name == null ? java.util.Map.of()
        : java.util.Map.of("name", name));
  }

  @Override
  public void register(Router router) {
    // literal paths before the {name:.*} patterns that would also take them
    router.get("/images/json", this::list)
        .post("/images/create", this::create)
        .post("/images/load", this::load)
        .get("/images/get", this::saveMany)
        .post("/images/prune", this::prune)
        .get("/images/search", searches::handle)
        .get("/images/{name:.*}/json", this::inspect)
        .get("/images/{name:.*}/history", this::history)
        .get("/images/{name:.*}/get", this::saveOne)
        .post("/images/{name:.*}/tag", this::tag)
        .post("/images/{name:.*}/push", pushes::handle)
        .post("/auth", logins::handle)
        .delete("/images/{name:.*}", this::remove);
  }

  private void list(Request req, Response res) {
    boolean virtualSize = req.apiBelow("1.44");
    res.json(200, images.list(req.bool("all"), req.filters()).stream()
        .map(s -> ImageJson.summary(s, virtualSize)).toList());
  }

  private void inspect(Request req, Response res) {
    res.json(200, ImageJson.inspect(images.inspect(req.param("name")), req.apiBelow("1.44"),
        req.apiBelow("1.45")));
  }

  private void history(Request req, Response res) {
    res.json(200, images.history(req.param("name")).stream().map(ImageJson::history).toList());
  }

  private void tag(Request req, Response res) {
    String repo = req.query("repo");
    if (repo == null || repo.isEmpty()) {
      throw BerthException.invalid("repository name must have at least one component");
    }
    String tag = req.query("tag");
    String target = tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
    images.tag(req.param("name"), target);
    event("tag", images.resolve(target).toString(), target);
    res.status(201);
  }

  private void remove(Request req, Response res) {
    String id = images.resolve(req.param("name")).toString();
    var removed = images.remove(req.param("name"), req.bool("force"), req.bool("noprune"), usage);
    for (var item : removed) {
      if (item.untagged() != null) {
        event("untag", id, item.untagged());
      } else if (item.deleted() != null && item.deleted().equals(removed.stream()
          .filter(i -> i.deleted() != null).findFirst().map(i -> i.deleted()).orElse(""))) {
        event("delete", item.deleted(), null);
      }
    }
    res.json(200, ImageJson.deleted(removed));
  }

  private void prune(Request req, Response res) {
    PruneReport r = images.prune(false, req.filters(), usage);
    res.json(200, dev.berth.api.http.Json.object(
        "ImagesDeleted", r.deleted().isEmpty() ? null : ImageJson.deleted(r.deleted()),
        "SpaceReclaimed", r.spaceReclaimed()));
  }

  private void saveMany(Request req, Response res) throws Exception {
    save(req.queryAll("names"), res);
  }

  private void saveOne(Request req, Response res) throws Exception {
    save(List.of(req.param("name")), res);
  }

  /** Names are checked before the 200 goes out: afterwards an error can only cut the tar. */
  private void save(List<String> names, Response res) throws Exception {
    if (names.isEmpty()) {
      throw BerthException.invalid("no image names given to save");
    }
    names.forEach(images::resolve);
    try (OutputStream out = res.stream(200, "application/x-tar")) {
      images.save(names, out);
    }
  }

  private void load(Request req, Response res) {
    List<LoadedImage> loaded = images.load(req.body());
    for (LoadedImage img : loaded) {
      event("load", img.id().toString(), img.tags().isEmpty() ? null : img.tags().getFirst());
    }
    JsonStream out = res.jsonStream();
    for (LoadedImage img : loaded) {
      if (img.tags().isEmpty()) {
        out.stream("Loaded image ID: " + img.id() + "\n");
      }
      for (String tag : img.tags()) {
        out.stream("Loaded image: " + tag + "\n");
      }
    }
  }

  private void create(Request req, Response res) {
    String fromSrc = req.query("fromSrc");
    String fromImage = req.query("fromImage");
    if (fromSrc != null && !fromSrc.isEmpty()) {
      importImage(req, res, fromSrc);
    } else if (fromImage != null && !fromImage.isEmpty()) {
      pull(req, res, fromImage);
    } else {
      throw BerthException.invalid("either fromImage or fromSrc is required");
    }
  }

  private void importImage(Request req, Response res, String fromSrc) {
    if (!fromSrc.equals("-")) {
      throw BerthException.invalid("importing from a URL is not supported");
    }
    String repo = req.query("repo");
    String tag = req.query("tag");
    String ref = repo == null || repo.isEmpty() ? null
        : tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
    String message = req.query("message");
    String platform = req.query("platform");
    ImportOptions options = new ImportOptions(ref, req.queryAll("changes"),
        message == null || message.isEmpty() ? null : message,
        platform == null || platform.isEmpty() ? null : Platform.parse(platform), "-");
    LoadedImage img = images.importImage(req.body(), options);
    event("import", img.id().toString(), img.tags().isEmpty() ? null : img.tags().getFirst());
    res.jsonStream().status(img.id().toString());
  }

  private void pull(Request req, Response res, String fromImage) {
    pulls.handle(req, res, fromImage);
  }
}

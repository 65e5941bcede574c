package dev.berth.registry.server.http;

import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.Names;
import dev.berth.registry.server.RegistryException;
import dev.berth.registry.server.auth.Guard;
import dev.berth.registry.server.auth.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table: which scopes a request needs and which endpoint takes it. Authorization is
 * decided before any endpoint runs, so a refused request changes nothing.
 */
public final class Dispatcher {
  private final Services s;
  private final BlobEndpoints blobs;
  private final UploadEndpoints uploads;
  private final ManifestEndpoints manifests;
  private final ListingEndpoints listings;
  private final TokenEndpoint token;

  public Dispatcher(Services services) {
    this.s = services;
    this.blobs = new BlobEndpoints(services);
    this.uploads = new UploadEndpoints(services);
    this.manifests = new ManifestEndpoints(services);
    this.listings = new ListingEndpoints(services);
    this.token = new TokenEndpoint(services.tokens());
  }

  /** Checks the request's name and credentials and returns where its body goes. */
  public BodySink open(Request r) throws Exception {
    Route route = Route.of(r.path());
    String name = route.name();
    if (name != null) {
      Names.repository(name);
    }
    if (route.kind() == Route.Kind.TOKEN) {
      return token.open(r);
    }
    if (route.kind() == Route.Kind.NONE) {
      throw new RegistryException(ErrorCode.NAME_UNKNOWN, 404, "no such endpoint " + r.path());
    }
    Guard.Decision decision = s.guard().check(r.header("Authorization"), scopes(r, route),
        r.base());
    if (!decision.allowed()) {
      Reply challenge = Errors.reply(ErrorCode.UNAUTHORIZED, 401, decision.message())
          .header("WWW-Authenticate", decision.challenge());
      return BodySink.ignoring(() -> challenge);
    }
    String m = r.method();
    String ref = route.reference();
    return switch (route.kind()) {
      case BASE -> BodySink.ignoring(() -> Reply.json(200, "{}"));
      case CATALOG -> get(m, () -> listings.catalog(r));
      case TAGS -> get(m, () -> listings.tags(r, name));
      case REFERRERS -> get(m, () -> listings.referrers(r, name, ref));
      case BLOB -> switch (m) {
        case "GET", "HEAD" -> BodySink.ignoring(() -> blobs.get(r, name, ref));
        case "DELETE" -> BodySink.ignoring(() -> blobs.delete(name, ref));
        default -> unsupported(m, r.path());
      };
      case UPLOADS -> m.equals("POST") ? uploads.start(r, name) : unsupported(m, r.path());
      case UPLOAD -> switch (m) {
        case "PATCH" -> uploads.patch(r, name, ref);
        case "PUT" -> uploads.put(r, name, ref);
        case "GET" -> BodySink.ignoring(() -> uploads.status(name, ref));
        case "DELETE" -> BodySink.ignoring(() -> uploads.cancel(name, ref));
        default -> unsupported(m, r.path());
      };
      case MANIFEST -> switch (m) {
        case "GET", "HEAD" -> BodySink.ignoring(() -> manifests.get(r, name, ref));
        case "PUT" -> manifests.put(r, name, ref);
        case "DELETE" -> BodySink.ignoring(() -> manifests.delete(name, ref));
        default -> unsupported(m, r.path());
      };
      default -> unsupported(m, r.path());
    };
  }

  private static List<Scope> scopes(Request r, Route route) {
    String name = route.name();
    List<Scope> needed = new ArrayList<>();
    switch (route.kind()) {
      case BASE -> {}
      case CATALOG -> needed.add(Scope.catalog());
      default -> {
        boolean read = r.method().equals("GET") || r.method().equals("HEAD");
        if (route.kind() == Route.Kind.UPLOAD || route.kind() == Route.Kind.UPLOADS) {
          read = false;
        }
        if (r.method().equals("DELETE") && route.kind() != Route.Kind.UPLOAD) {
          needed.add(Scope.repository(name, Scope.DELETE));
        } else {
          needed.add(read ? Scope.repository(name, Scope.PULL)
              : Scope.repository(name, Scope.PULL, Scope.PUSH));
        }
        String from = r.param("from");
        if (route.kind() == Route.Kind.UPLOADS && from != null && !from.equals(name)) {
          needed.add(Scope.repository(from, Scope.PULL));
        }
      }
    }
    return needed;
  }

  private static BodySink get(String method, BodySink.ReplySupplier reply) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, method + " is not supported here");
    }
    return BodySink.ignoring(reply);
  }

  private static BodySink unsupported(String method, String path) {
    throw new RegistryException(ErrorCode.UNSUPPORTED, method + " " + path + " is not supported");
  }
}

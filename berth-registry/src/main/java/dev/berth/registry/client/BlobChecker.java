package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has a blob already. */
final class BlobChecker {
  private final RegistryCaller caller;

  BlobChecker(RegistryCaller caller) {
    this.caller = caller;
  }

  boolean exists(String repository, Digest digest, List<String> scopes) {
    HttpResponse<Void> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/blobs/" + digest))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.discarding(), scopes);
    return switch (r.statusCode()) {
      case 200, 307, 302 -> true;
      case 404 -> false;
      default -> throw RegistryCaller.error(r, "checking blob " + digest + " in " + repository);
    };
  }
}

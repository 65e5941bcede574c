package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: links a blob another
 * repository of the same registry has, without sending it. 201 is mounted; 202 means the
 * registry would not, and its answer is an ordinary upload session to use instead.
 */
final class BlobMounter {
  private final RegistryCaller caller;

  BlobMounter(RegistryCaller caller) {
    this.caller = caller;
  }

  /** Empty when mounted, else the upload session offered instead. */
  Optional<URI> mount(String repository, Digest digest, String from) {
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from))
        .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray(),
        Scopes.mount(repository, from));
    return switch (r.statusCode()) {
      case 201 -> Optional.empty();
      case 202 -> Optional.of(BlobPusher.location(r, repository));
      default -> throw RegistryCaller.error(r, "mounting blob " + digest + " from " + from
          + " into " + repository);
    };
  }
}

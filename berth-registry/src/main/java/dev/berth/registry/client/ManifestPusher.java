package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** {@code PUT /v2/<name>/manifests/<tag>} with the manifest's exact bytes and media type. */
final class ManifestPusher {
  private final RegistryCaller caller;

  ManifestPusher(RegistryCaller caller) {
    this.caller = caller;
  }

  /** Returns the manifest's digest (the bytes' sha256, which the registry must agree with). */
  Digest push(String repository, String tag, String mediaType, byte[] manifest) {
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/manifests/" + tag)).header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)),
        HttpResponse.BodyHandlers.ofByteArray(), Scopes.push(repository));
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw RegistryCaller.error(r, "pushing manifest " + repository + ":" + tag);
    }
    Digest digest = Digest.of(manifest);
    String said = r.headers().firstValue("Docker-Content-Digest").orElse("");
    if (said.startsWith("sha256:") && !said.equals(digest.toString())) {
      throw new RegistryException(400, "DIGEST_INVALID", "pushing manifest " + repository + ":"
          + tag + ": registry stored " + said + " for content " + digest);
    }
    return digest;
  }
}

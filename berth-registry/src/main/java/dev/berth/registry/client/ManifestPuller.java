package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * {@code GET /v2/<name>/manifests/<reference>}, accepting OCI and Docker manifests and indexes.
 * A tag is first resolved to a digest with {@code HEAD}, as docker does (registries such as
 * Docker Hub do not count a HEAD against the pull rate limit), and the manifest then fetched by
 * that digest. The bytes are hashed here: a pull by digest must match it, and a registry's
 * {@code Docker-Content-Digest} must match what it sent.
 */
final class ManifestPuller {
  static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX,
      MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
  /** distribution's default limit; a bigger manifest is refused before it is read whole. */
  static final int MAX_BYTES = 4 << 20;

  private final RegistryCaller caller;

  ManifestPuller(RegistryCaller caller) {
    this.caller = caller;
  }

  ManifestResponse pull(String repository, String reference) {
    String what = "manifest for " + caller.endpoint().domain() + "/" + repository
        + (reference.contains(":") ? "@" : ":") + reference;
    String byDigest = reference.contains(":") ? reference : resolve(repository, reference, what);
    return get(repository, byDigest == null ? reference : byDigest, what);
  }

  /** The digest {@code HEAD} gives tag {@code tag}, or null when it gives none (then GET it). */
  private String resolve(String repository, String tag, String what) {
    HttpResponse<Void> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/manifests/" + tag)).header("Accept", ACCEPT)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.discarding(), Scopes.pull(repository));
    if (r.statusCode() == 404) {
      throw new RegistryException(404, "MANIFEST_UNKNOWN", what + " not found: manifest unknown");
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw RegistryCaller.error(r, "pulling " + what);
    }
    String digest = r.headers().firstValue("Docker-Content-Digest").orElse("");
    if (r.statusCode() != 200 || !digest.matches("sha256:[0-9a-f]{64}")) {
      return null;
    }
    return digest;
  }

  private ManifestResponse get(String repository, String reference, String what) {
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/manifests/" + reference)).header("Accept", ACCEPT)
        .GET(), HttpResponse.BodyHandlers.ofByteArray(), Scopes.pull(repository));
    if (r.statusCode() == 404) {
      throw new RegistryException(404, "MANIFEST_UNKNOWN", what + " not found: manifest unknown");
    }
    if (r.statusCode() != 200) {
      throw RegistryCaller.error(r, "pulling " + what);
    }
    byte[] body = r.body();
    if (body.length > MAX_BYTES) {
      throw new RegistryException(413, "", what + " is " + body.length + " bytes, more than "
          + MAX_BYTES);
    }
    Digest digest = Digest.of(body);
    if (reference.startsWith("sha256:") && !reference.equals(digest.toString())) {
      throw new RegistryException(400, "DIGEST_INVALID", what + ": content has digest "
          + digest + ", not the one asked for");
    }
    String header = r.headers().firstValue("Docker-Content-Digest").orElse("");
    if (header.startsWith("sha256:") && !header.equals(digest.toString())) {
      throw new RegistryException(400, "DIGEST_INVALID", what + ": content has digest " + digest
          + " but the registry says " + header);
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    return new ManifestResponse(body, mediaType(type), digest);
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return List.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_MANIFEST,
        MediaTypes.DOCKER_MANIFEST).contains(t) ? t : null;
  }
}

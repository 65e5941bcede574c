package dev.berth.registry.server.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.image.Digest;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.Names;
import dev.berth.registry.server.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

/**
 * Manifest push, pull and delete over the blob and repository stores: a manifest is accepted
 * only when everything it references is already in the repository, stored byte for byte, and
 * recorded as a referrer of its subject.
 */
public final class Manifests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlobStore blobs;
  private final RepositoryStore repositories;

  /** A stored manifest as a client gets it. */
  public record Manifest(Digest digest, String mediaType, byte[] content) {}

  /** What a push did: the manifest's digest and its subject, for the OCI-Subject header. */
  public record Pushed(Digest digest, Optional<Digest> subject) {}

  public Manifests(BlobStore blobs, RepositoryStore repositories) {
    this.blobs = blobs;
    this.repositories = repositories;
  }

  public Pushed put(String name, String reference, String contentType, byte[] body)
      throws IOException {
    Digest digest = Digest.of(body);
    boolean byDigest = Names.isDigest(reference);
    if (byDigest) {
      Digest expected = Names.digest(reference);
      Digest actual = expected.algorithm().equals(Digest.SHA256) ? digest : sha512(body);
      if (!actual.equals(expected)) {
        throw new RegistryException(ErrorCode.DIGEST_INVALID, "manifest digest is " + actual
            + ", not " + expected);
      }
      digest = expected;
    } else {
      Names.tag(reference);
    }
    ManifestRefs refs = ManifestRefs.parse(body);
    String mediaType = mediaType(contentType, refs);
    for (Digest blob : refs.blobs()) {
      // the touch also tells a running garbage collection that this blob is wanted now
      if (!repositories.hasBlob(name, blob) || !blobs.touch(blob)) {
        throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + blob
            + " is not in repository " + name);
      }
    }
    for (Digest child : refs.manifests()) {
      if (repositories.manifestType(name, child).isEmpty() || !blobs.touch(child)) {
        throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest " + child
            + " is not in repository " + name);
      }
    }
    blobs.put(body, digest);
    repositories.putManifest(name, digest, mediaType);
    if (refs.subject().isPresent()) {
      repositories.addReferrer(name, refs.subject().get(), digest,
          descriptor(digest, body.length, mediaType, refs));
    }
    if (!byDigest) {
      repositories.tag(name, reference, digest);
    }
    return new Pushed(digest, refs.subject());
  }

  public Optional<Manifest> get(String name, String reference) throws IOException {
    Optional<Digest> digest = Names.isDigest(reference) ? Optional.of(Names.digest(reference))
        : repositories.resolve(name, Names.tag(reference));
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> mediaType = repositories.manifestType(name, digest.get());
    if (mediaType.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] content = Files.readAllBytes(blobs.path(digest.get()));
      return Optional.of(new Manifest(digest.get(), mediaType.get(), content));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Deletes a tag, or a manifest with every tag pointing at it; false if unknown. */
  public boolean delete(String name, String reference) throws IOException {
    if (!Names.isDigest(reference)) {
      return repositories.untag(name, Names.tag(reference));
    }
    Digest digest = Names.digest(reference);
    Optional<Manifest> manifest = get(name, reference);
    if (manifest.isEmpty()) {
      return false;
    }
    for (String tag : repositories.tags(name)) {
      if (repositories.resolve(name, tag).filter(digest::equals).isPresent()) {
        repositories.untag(name, tag);
      }
    }
    Optional<Digest> subject = ManifestRefs.parse(manifest.get().content()).subject();
    if (subject.isPresent()) {
      repositories.removeReferrer(name, subject.get(), digest);
    }
    return repositories.deleteManifest(name, digest);
  }

  private static String mediaType(String contentType, ManifestRefs refs) {
    String header = contentType == null ? ""
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (header.isEmpty() || header.equals("application/json")
        || header.equals("application/octet-stream")) {
      return refs.inferredType();
    }
    if (!refs.mediaType().isEmpty() && !header.equals(refs.mediaType())) {
      throw new RegistryException(ErrorCode.MANIFEST_INVALID, "Content-Type " + header
          + " does not match the manifest's mediaType " + refs.mediaType());
    }
    return header;
  }

  private static byte[] descriptor(Digest digest, long size, String mediaType, ManifestRefs refs)
      throws IOException {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    if (!refs.artifactType().isEmpty()) {
      d.put("artifactType", refs.artifactType());
    }
    if (refs.annotations() != null && refs.annotations().isObject()) {
      d.set("annotations", refs.annotations());
    }
    return JSON.writeValueAsBytes(d);
  }

  private static Digest sha512(byte[] body) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(body);
      return new Digest(Digest.SHA512, java.util.HexFormat.of().formatHex(h));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

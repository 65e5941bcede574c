package dev.berth.registry.server.storage;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What each repository holds: links to blobs, manifest revisions (with their media type), tags
 * and referrers. The bytes themselves live once in the {@link BlobStore}, which is why a mount
 * or a second push of the same layer costs one empty file.
 */
public final class RepositoryStore {
  private final Path repositories;
  private final Path temp;

  public RepositoryStore(Path root) {
    this.repositories = root.resolve("repositories");
    this.temp = root.resolve("uploads");
    try {
      Files.createDirectories(repositories);
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw BerthException.system("creating " + repositories + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String name) {
    return Files.isDirectory(repositories.resolve(name).resolve("_manifests"))
        || Files.isDirectory(repositories.resolve(name).resolve("_layers"));
  }

  // --- blob links

  public void linkBlob(String name, Digest digest) throws IOException {
    BlobStore.createEmpty(layer(name, digest));
  }

  public boolean hasBlob(String name, Digest digest) {
    return Files.exists(layer(name, digest));
  }

  public boolean unlinkBlob(String name, Digest digest) throws IOException {
    return Files.deleteIfExists(layer(name, digest));
  }

  public List<Digest> blobs(String name) throws IOException {
    return digestsIn(repositories.resolve(name).resolve("_layers"));
  }

  // --- manifests

  public void putManifest(String name, Digest digest, String mediaType) throws IOException {
    BlobStore.write(revision(name, digest), mediaType.getBytes(StandardCharsets.UTF_8), temp);
  }

  /** The manifest's media type when this repository has it. */
  public Optional<String> manifestType(String name, Digest digest) throws IOException {
    try {
      return Optional.of(Files.readString(revision(name, digest)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public boolean deleteManifest(String name, Digest digest) throws IOException {
    return Files.deleteIfExists(revision(name, digest));
  }

  public List<Digest> manifests(String name) throws IOException {
    return digestsIn(repositories.resolve(name).resolve("_manifests").resolve("revisions"));
  }

  // --- tags

  public void tag(String name, String tag, Digest digest) throws IOException {
    BlobStore.write(tagFile(name, tag), digest.toString().getBytes(StandardCharsets.UTF_8), temp);
  }

  public Optional<Digest> resolve(String name, String tag) throws IOException {
    try {
      return Optional.of(Digest.parse(Files.readString(tagFile(name, tag)).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public boolean untag(String name, String tag) throws IOException {
    return Files.deleteIfExists(tagFile(name, tag));
  }

  /** The repository's tags, sorted. */
  public List<String> tags(String name) throws IOException {
    Path dir = repositories.resolve(name).resolve("_manifests").resolve("tags");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // --- referrers

  public void addReferrer(String name, Digest subject, Digest referrer, byte[] descriptor)
      throws IOException {
    BlobStore.write(referrerFile(name, subject, referrer), descriptor, temp);
  }

  public void removeReferrer(String name, Digest subject, Digest referrer) throws IOException {
    Files.deleteIfExists(referrerFile(name, subject, referrer));
  }

  /** The stored descriptors (JSON) of manifests whose subject is {@code subject}. */
  public List<byte[]> referrers(String name, Digest subject) throws IOException {
    Path dir = repositories.resolve(name).resolve("_referrers").resolve(key(subject));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        try {
          out.add(Files.readAllBytes(p));
        } catch (NoSuchFileException ignored) {
          // deleted while listing
        }
      }
    }
    return out;
  }

  // --- catalog

  /** Every repository with a manifest, sorted: what the catalog lists. */
  public List<String> catalog() throws IOException {
    return find(false);
  }

  /** Every repository, also those holding only blobs so far. */
  public List<String> catalogAll() throws IOException {
    return find(true);
  }

  private List<String> find(boolean withBlobsOnly) throws IOException {
    List<String> names = new ArrayList<>();
    walk(repositories, names, withBlobsOnly);
    names.sort(null);
    return names;
  }

  /** Walks names only: the records under a repository ({@code _*}) are never descended into. */
  private void walk(Path dir, List<String> names, boolean withBlobsOnly) throws IOException {
    boolean manifests = Files.isDirectory(dir.resolve("_manifests"));
    if (manifests || (withBlobsOnly && Files.isDirectory(dir.resolve("_layers")))) {
      names.add(repositories.relativize(dir).toString());
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (!child.getFileName().toString().startsWith("_") && Files.isDirectory(child)) {
          walk(child, names, withBlobsOnly);
        }
      }
    }
  }

  private Path layer(String name, Digest d) {
    return repositories.resolve(name).resolve("_layers").resolve(d.algorithm()).resolve(d.hex());
  }

  private Path revision(String name, Digest d) {
    return repositories.resolve(name).resolve("_manifests").resolve("revisions")
        .resolve(d.algorithm()).resolve(d.hex());
  }

  private Path tagFile(String name, String tag) {
    return repositories.resolve(name).resolve("_manifests").resolve("tags").resolve(tag);
  }

  private Path referrerFile(String name, Digest subject, Digest referrer) {
    return repositories.resolve(name).resolve("_referrers").resolve(key(subject))
        .resolve(key(referrer));
  }

  private static String key(Digest d) {
    return d.algorithm() + "-" + d.hex();
  }

  private static List<Digest> digestsIn(Path dir) throws IOException {
    List<Digest> out = new ArrayList<>();
    for (String algorithm : List.of(Digest.SHA256, Digest.SHA512)) {
      Path sub = dir.resolve(algorithm);
      if (!Files.isDirectory(sub)) {
        continue;
      }
      try (Stream<Path> files = Files.list(sub)) {
        files.forEach(p -> out.add(new Digest(algorithm, p.getFileName().toString())));
      }
    }
    return out;
  }
}

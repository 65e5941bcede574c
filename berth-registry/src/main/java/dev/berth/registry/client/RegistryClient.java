package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * One registry, one set of credentials: every endpoint Berth uses, each in its own class, all
 * through one {@link RegistryCaller}. Tokens are kept for the client's life, so use one client
 * for a whole pull or push. Safe for use by several threads.
 */
public final class RegistryClient {
  private final RegistryCaller caller;
  private final ManifestPuller manifests;
  private final ManifestPusher manifestPusher;
  private final BlobChecker checker;
  private final BlobPuller blobs;
  private final BlobPusher blobPusher;
  private final BlobMounter mounter;
  private final TagLister tags;
  private final Searcher searcher;

  public RegistryClient(RegistryEndpoint endpoint, Credentials credentials) {
    this.caller = new RegistryCaller(endpoint, credentials);
    this.manifests = new ManifestPuller(caller);
    this.manifestPusher = new ManifestPusher(caller);
    this.checker = new BlobChecker(caller);
    this.blobs = new BlobPuller(caller);
    this.blobPusher = new BlobPusher(caller);
    this.mounter = new BlobMounter(caller);
    this.tags = new TagLister(caller);
    this.searcher = new Searcher(caller);
  }

  public RegistryEndpoint endpoint() {
    return caller.endpoint();
  }

  /**
   * {@code GET /v2/} with the credentials (what {@code docker login} checks): returns normally
   * when the registry accepts them, else a {@link RegistryException} ({@code unauthorized()}).
   */
  public void checkLogin() {
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(endpoint().resolve("/v2/"))
        .GET(), HttpResponse.BodyHandlers.ofByteArray(), List.of());
    if (r.statusCode() != 200) {
      throw RegistryCaller.error(r, "login to " + endpoint().domain());
    }
  }

  /** A manifest or index by tag or digest, verified against its digest. */
  public ManifestResponse pullManifest(String repository, String reference) {
    return manifests.pull(repository, reference);
  }

  /** Pushes a manifest's exact bytes under {@code tag} (or a digest) and returns its digest. */
  public Digest pushManifest(String repository, String tag, String mediaType, byte[] manifest) {
    return manifestPusher.push(repository, tag, mediaType, manifest);
  }

  public boolean blobExists(String repository, Digest digest) {
    return checker.exists(repository, digest, Scopes.pull(repository));
  }

  /** Copies a blob into {@code out}, resuming after cuts; returns its length. */
  public long pullBlob(String repository, Digest digest, long size, OutputStream out,
      LongConsumer progress) {
    return blobs.pull(repository, digest, size, out, progress);
  }

  /**
   * Uploads a blob unless the repository has it; {@code mountFrom}, when not null, is another
   * repository of this registry to mount it from first. Returns how it got there.
   */
  public BlobPush pushBlob(String repository, Digest digest, long size, String mountFrom,
      BlobSource content, LongConsumer progress) {
    if (checker.exists(repository, digest, Scopes.push(repository))) {
      return BlobPush.EXISTED;
    }
    URI session;
    if (mountFrom != null && !mountFrom.equals(repository)) {
      Optional<URI> offered = mounter.mount(repository, digest, mountFrom);
      if (offered.isEmpty()) {
        return BlobPush.MOUNTED;
      }
      session = offered.get();
    } else {
      session = blobPusher.start(repository, Scopes.push(repository));
    }
    blobPusher.upload(session, repository, digest, size, content, progress);
    return BlobPush.UPLOADED;
  }

  /**
   * Mounts blob {@code digest} from repository {@code from} of this registry: empty when it is
   * mounted, else the upload session the registry offered instead.
   */
  Optional<URI> mountBlob(String repository, Digest digest, String from) {
    return mounter.mount(repository, digest, from);
  }

  /**
   * Sends the plain layer {@code plain} gzip-compressed, into {@code session} (a mount's offer)
   * or a new upload; returns the blob it became.
   */
  BlobPusher.Sent pushGzip(String repository, URI session, BlobSource plain,
      LongConsumer progress) {
    URI s = session != null ? session : blobPusher.start(repository, Scopes.push(repository));
    for (int attempt = 1; ; attempt++) {
      try {
        return blobPusher.uploadGzip(s, repository, plain, progress);
      } catch (RegistryException e) {
        boolean retryable = e.status() == 0 || e.status() >= 500 || e.status() == 429;
        if (!retryable || attempt >= RegistryCaller.ATTEMPTS) {
          throw e;
        }
        // a compressed stream cannot resume where it broke: drop the session, start over
        blobPusher.cancel(s, repository);
        RegistryCaller.backOff(attempt);
        s = blobPusher.start(repository, Scopes.push(repository));
      }
    }
  }

  /** Every tag of {@code repository}, in the registry's order. */
  public List<String> listTags(String repository) {
    return tags.list(repository);
  }

  /** Repositories matching {@code term}, at most {@code limit}, where the registry can search. */
  public List<SearchResult> search(String term, int limit) {
    return searcher.search(term, limit);
  }

  /** How a pushed blob reached the registry. */
  public enum BlobPush { EXISTED, MOUNTED, UPLOADED }

  /** A blob's bytes, opened afresh for each attempt. */
  public interface BlobSource {
    InputStream open() throws java.io.IOException;
  }
}

package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A blob upload: {@code POST /v2/<name>/blobs/uploads/} opens a session, then one {@code PUT
 * <location>?digest=} carries the whole blob (monolithic; every registry takes it). A session a
 * mount offered ({@link BlobMounter}) is used the same way. A blob made while it is sent (a
 * layer compressed on the way) goes as one chunked {@code PATCH} instead, and the {@code PUT}
 * that closes the session names the digest counted meanwhile.
 */
final class BlobPusher {
  private final RegistryCaller caller;

  BlobPusher(RegistryCaller caller) {
    this.caller = caller;
  }

  /** Starts an upload session and returns its location. */
  URI start(String repository, List<String> scopes) {
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray(),
        scopes);
    if (r.statusCode() != 202) {
      throw RegistryCaller.error(r, "starting an upload to " + repository);
    }
    return location(r, repository);
  }

  /** Sends the blob to the session at {@code location} and completes it. */
  void upload(URI location, String repository, Digest digest, long size, RegistryClient.BlobSource content,
      LongConsumer progress) {
    String sep = location.toString().contains("?") ? "&" : "?";
    URI target = URI.create(location + sep + "digest=" + digest);
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(target)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
            () -> counting(content, progress)), size)),
        HttpResponse.BodyHandlers.ofByteArray(), Scopes.push(repository));
    if (r.statusCode() != 201 && r.statusCode() != 204) {
      throw RegistryCaller.error(r, "pushing blob " + digest + " to " + repository);
    }
  }

  /** A blob's digest and length, learnt as it was sent. */
  record Sent(Digest digest, long size) {}

  /**
   * Streams {@code plain} gzip-compressed to the session at {@code location} and completes it
   * under the compressed bytes' digest. {@code progress} counts the plain bytes read.
   */
  Sent uploadGzip(URI location, String repository, RegistryClient.BlobSource plain,
      LongConsumer progress) {
    java.util.concurrent.atomic.AtomicReference<GzipSource> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    // once only: a PATCH that failed half way leaves bytes in the session, and sending them
    // again would append; RegistryClient.pushGzip starts a new session instead
    HttpResponse<byte[]> patch = caller.sendOnce(() -> HttpRequest.newBuilder(location)
        .header("Content-Type", "application/octet-stream")
        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> {
          try {
            GzipSource gz = new GzipSource(counting(plain, progress));
            last.set(gz); // a retried request reads afresh; the last one sent is the blob
            return gz;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })), HttpResponse.BodyHandlers.ofByteArray(), Scopes.push(repository));
    if (patch.statusCode() != 202) {
      throw RegistryCaller.error(patch, "streaming a layer to " + repository);
    }
    GzipSource sent = last.get();
    Digest digest = sent.digest();
    URI next = location(patch, repository);
    String sep = next.toString().contains("?") ? "&" : "?";
    URI target = URI.create(next + sep + "digest=" + digest);
    HttpResponse<byte[]> put = caller.send(() -> HttpRequest.newBuilder(target)
        .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray(),
        Scopes.push(repository));
    if (put.statusCode() != 201 && put.statusCode() != 204) {
      throw RegistryCaller.error(put, "pushing blob " + digest + " to " + repository);
    }
    return new Sent(digest, sent.size());
  }

  /** Abandons an upload session (best effort: the registry purges abandoned ones anyway). */
  void cancel(URI location, String repository) {
    try {
      caller.sendOnce(() -> HttpRequest.newBuilder(location).DELETE(),
          HttpResponse.BodyHandlers.discarding(), Scopes.push(repository));
    } catch (RuntimeException e) {
      // the session expires on its own
    }
  }

  static URI location(HttpResponse<?> r, String repository) {
    String location = r.headers().firstValue("Location").orElseThrow(() ->
        new RegistryException(502, "", "upload to " + repository + ": no Location header"));
    return r.uri().resolve(location);
  }

  private static InputStream counting(RegistryClient.BlobSource content, LongConsumer progress) {
    InputStream in;
    try {
      in = content.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FilterInputStream(in) {
      private long sent;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          sent += n;
          progress.accept(sent);
        }
        return n;
      }
    };
  }
}

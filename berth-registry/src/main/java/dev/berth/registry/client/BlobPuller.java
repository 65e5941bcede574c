package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.LongConsumer;

/**
 * {@code GET /v2/<name>/blobs/<digest>} into a sink. Redirects (to a CDN) are followed without
 * the registry's Authorization. A transfer cut short is resumed where it stopped: with {@code
 * Range} when the server honours it (206), else by skipping what the sink already has. The sink
 * verifies the digest; this class checks the size so a runaway body is cut off.
 */
final class BlobPuller {
  private static final int MAX_REDIRECTS = 5;
  private final RegistryCaller caller;

  BlobPuller(RegistryCaller caller) {
    this.caller = caller;
  }

  /**
   * Copies the blob into {@code out} and returns its length.
   *
   * @param size the length the descriptor promises, or -1
   * @param progress told the bytes written so far after every read
   */
  long pull(String repository, Digest digest, long size, OutputStream out,
      LongConsumer progress) {
    long written = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<InputStream> r = open(repository, digest, written);
        try (InputStream in = r.body()) {
          if (r.statusCode() == 200 && written > 0) {
            in.skipNBytes(written); // no range support: resume by skipping
          }
          // whole buffers, not the HTTP client's 16 KiB pieces: each write is a hand-over to
          // the layer's extraction thread and a wake-up of it
          byte[] buf = new byte[128 * 1024];
          for (boolean more = true; more; ) {
            int n = 0;
            IOException cut = null;
            try {
              for (int got; n < buf.length && (got = in.read(buf, n, buf.length - n)) > 0; ) {
                n += got;
              }
            } catch (IOException e) {
              cut = e; // what arrived before is kept: the retry resumes after it
            }
            more = n == buf.length;
            if (size >= 0 && written + n > size) {
              throw new RegistryException(400, "SIZE_INVALID", "blob " + digest + " is longer"
                  + " than the " + size + " bytes its descriptor says");
            }
            if (n > 0) {
              out.write(buf, 0, n);
              written += n;
              progress.accept(written);
            }
            if (cut != null) {
              throw cut;
            }
          }
        }
        if (size >= 0 && written < size) {
          throw new IOException("blob " + digest + " ended after " + written + " of " + size
              + " bytes");
        }
        return written;
      } catch (IOException e) {
        if (attempt >= RegistryCaller.ATTEMPTS) {
          throw new RegistryException("pulling blob " + digest + ": " + e.getMessage(), e);
        }
        RegistryCaller.backOff(attempt);
      }
    }
  }

  private HttpResponse<InputStream> open(String repository, Digest digest, long from)
      throws IOException {
    HttpResponse<InputStream> r = caller.send(() -> ranged(HttpRequest.newBuilder(
        caller.endpoint().resolve("/v2/" + repository + "/blobs/" + digest)).GET(), from),
        HttpResponse.BodyHandlers.ofInputStream(), Scopes.pull(repository));
    for (int hops = 0; isRedirect(r.statusCode()); hops++) {
      String location = r.headers().firstValue("Location").orElse(null);
      r.body().close();
      if (location == null || hops >= MAX_REDIRECTS) {
        throw new RegistryException(502, "", "blob " + digest + ": bad redirect");
      }
      URI target = r.uri().resolve(location);
      try {
        r = caller.endpoint().http().send(ranged(HttpRequest.newBuilder(target).GET(), from)
            .build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    int status = r.statusCode();
    if (status == 206 && from > 0) {
      String range = r.headers().firstValue("Content-Range").orElse("");
      if (!range.matches("bytes " + from + "-.*")) {
        r.body().close();
        throw new IOException("blob " + digest + ": asked for bytes from " + from + ", got "
            + range);
      }
      return r;
    }
    if (status != 200) {
      throw RegistryCaller.error(r, "pulling blob " + digest + " from " + repository);
    }
    return r;
  }

  private static HttpRequest.Builder ranged(HttpRequest.Builder b, long from) {
    return from > 0 ? b.header("Range", "bytes=" + from + "-") : b;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}

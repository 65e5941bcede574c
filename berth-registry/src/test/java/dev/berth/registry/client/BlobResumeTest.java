package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A blob transfer cut short is resumed: by Range where the server honours it, else by skipping. */
class BlobResumeTest {
  private static final byte[] BLOB = new byte[300_000];

  static {
    new Random(3).nextBytes(BLOB);
  }

  /** Serves BLOB; the first answer stops after 100 000 bytes. */
  private static FakeRegistry server(boolean honoursRange, List<String> ranges) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    return new FakeRegistry(e -> {
      String range = e.getRequestHeaders().getFirst("Range");
      ranges.add(String.valueOf(range));
      if (requests.incrementAndGet() == 1) {
        e.sendResponseHeaders(200, BLOB.length);
        e.getResponseBody().write(BLOB, 0, 100_000);
        e.getResponseBody().flush();
        throw new java.io.IOException("cut"); // the server drops the connection
      }
      if (honoursRange && range != null) {
        int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        e.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (BLOB.length - 1)
            + "/" + BLOB.length);
        e.sendResponseHeaders(206, BLOB.length - from);
        e.getResponseBody().write(BLOB, from, BLOB.length - from);
      } else {
        FakeRegistry.reply(e, 200, BLOB);
      }
    });
  }

  private static byte[] pull(FakeRegistry r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = new RegistryClient(r.endpoint(), Credentials.ANONYMOUS).pullBlob("a/b",
        Digest.of(BLOB), BLOB.length, out, x -> { });
    assertThat(n).isEqualTo(BLOB.length);
    return out.toByteArray();
  }

  @Test
  void resumesWithRange() throws Exception {
    List<String> ranges = new CopyOnWriteArrayList<>();
    try (FakeRegistry r = server(true, ranges)) {
      assertThat(pull(r)).isEqualTo(BLOB);
      assertThat(ranges).hasSize(2);
      assertThat(ranges.get(0)).isEqualTo("null");
      assertThat(ranges.get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
    }
  }

  @Test
  void resumesBySkippingWhenRangeIsIgnored() throws Exception {
    List<String> ranges = new CopyOnWriteArrayList<>();
    try (FakeRegistry r = server(false, ranges)) {
      assertThat(pull(r)).isEqualTo(BLOB);
      assertThat(ranges).hasSize(2);
    }
  }
}

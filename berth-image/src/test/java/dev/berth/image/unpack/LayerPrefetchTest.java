package dev.berth.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.image.archive.LayerTap;
import dev.berth.image.layer.ApplyResult;
import dev.berth.image.layer.LayerApplier;
import dev.berth.image.layer.WhiteoutMode;
import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers extracted beside the read, through the decompression and extraction threads: the same
 * tree and diff_id as a direct apply, for every compression; a blob that does not decompress or
 * an extraction that fails gives no staged layer, never blocks the feeding thread, and leaves
 * nothing in the staging directory once closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LayerPrefetchTest {
  @TempDir Path tmp;
  private byte[] tar;

  @BeforeEach
  void layer() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer apply)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      byte[] big = new byte[5 << 20]; // many pipe chunks, compressed or not
      new Random(3).nextBytes(big);
      put(out, "bin/", null);
      put(out, "bin/big", big);
      for (int i = 0; i < 300; i++) {
        put(out, "etc/f" + i, ("line " + i + "\n").repeat(i).getBytes(StandardCharsets.UTF_8));
      }
    }
    tar = bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream out, String name, byte[] data)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(data == null ? 0755 : 0644);
    if (data != null) {
      e.setSize(data.length);
    }
    out.putArchiveEntry(e);
    if (data != null) {
      out.write(data);
    }
    out.closeArchiveEntry();
  }

  private static byte[] compress(byte[] raw, Function<OutputStream, OutputStream> how)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream c = how.apply(out)) {
      c.write(raw);
    }
    return out.toByteArray();
  }

  private static OutputStream gzip(OutputStream out) {
    try {
      return new GZIPOutputStream(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static OutputStream zstd(OutputStream out) {
    try {
      return new ZstdOutputStream(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Feeds {@code blob} in uneven pieces, as a download does, and completes it. */
  private static Digest feed(LayerTap tap, byte[] blob) {
    Digest digest = Digest.of(blob);
    LayerTap.Feed feed = tap.open(digest.toString(), blob.length);
    Random sizes = new Random(blob.length);
    for (int pos = 0; pos < blob.length; ) {
      int n = Math.min(blob.length - pos, 1 + sizes.nextInt(200_000));
      feed.write(blob, pos, n);
      pos += n;
    }
    feed.complete(digest, true);
    return digest;
  }

  @Test
  void everyCompressionGivesTheTreeAndDiffIdOfADirectApply() throws IOException {
    Path direct = tmp.resolve("direct");
    ApplyResult expected = new LayerApplier().apply(new ByteArrayInputStream(tar), null, direct,
        WhiteoutMode.OVERLAY);
    assertThat(expected.diffId()).isEqualTo(Digest.of(tar));
    byte[][] blobs = {tar, compress(tar, LayerPrefetchTest::gzip),
        compress(tar, LayerPrefetchTest::zstd)};
    try (LayerPrefetch prefetch = new LayerPrefetch(tmp.resolve("staging"))) {
      for (byte[] blob : blobs) {
        Digest d = feed(prefetch, blob);
        LayerPrefetch.Staged staged = prefetch.take(d).orElseThrow();
        ApplyResult result = staged.await().orElseThrow();
        assertThat(result.diffId()).isEqualTo(expected.diffId());
        assertThat(result.size()).isEqualTo(tar.length);
        assertThat(Files.readAllBytes(staged.dir().resolve("bin/big")))
            .isEqualTo(Files.readAllBytes(direct.resolve("bin/big")));
        assertThat(Files.readString(staged.dir().resolve("etc/f299")))
            .isEqualTo(Files.readString(direct.resolve("etc/f299")));
      }
    }
    assertThat(tmp.resolve("staging")).doesNotExist();
  }

  @Test
  void aBlobThatDoesNotDecompressStagesNothing() throws IOException {
    byte[] blob = compress(tar, LayerPrefetchTest::gzip);
    for (int i = blob.length / 2; i < blob.length / 2 + 100; i++) {
      blob[i] ^= 0x33;
    }
    try (LayerPrefetch prefetch = new LayerPrefetch(tmp.resolve("staging"))) {
      Digest d = feed(prefetch, blob); // returns: the feeding thread is never held up
      Optional<LayerPrefetch.Staged> staged = prefetch.take(d);
      assertThat(staged).isPresent();
      assertThat(staged.get().await()).isEmpty(); // the unpacker then applies the stored blob
    }
    assertThat(tmp.resolve("staging")).doesNotExist();
  }

  @Test
  void anExtractionThatFailsEarlyNeverBlocksTheFeed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      put(out, "../escape", "x".getBytes(StandardCharsets.UTF_8)); // rejected at once
      byte[] rest = new byte[20 << 20]; // far more than the pipes hold
      put(out, "rest", rest);
    }
    byte[] blob = compress(bytes.toByteArray(), LayerPrefetchTest::gzip);
    try (LayerPrefetch prefetch = new LayerPrefetch(tmp.resolve("staging"))) {
      Digest d = feed(prefetch, blob);
      assertThat(prefetch.take(d).orElseThrow().await()).isEmpty();
    }
    assertThat(tmp.resolve("staging")).doesNotExist();
  }

  @Test
  void anAbortedFeedStagesNothing() throws IOException {
    byte[] blob = compress(tar, LayerPrefetchTest::gzip);
    try (LayerPrefetch prefetch = new LayerPrefetch(tmp.resolve("staging"))) {
      Digest d = Digest.of(blob);
      LayerTap.Feed feed = prefetch.open(d.toString(), blob.length);
      feed.write(blob, 0, blob.length / 2);
      feed.abort(); // a download cut off
      assertThat(prefetch.take(d)).isEmpty();
    }
    assertThat(tmp.resolve("staging")).doesNotExist();
  }
}

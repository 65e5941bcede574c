package dev.berth.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-over between the archive reader and an extraction thread. */
class ChunkPipeTest {

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void bytesArriveInOrderThroughASmallPipe() throws Exception {
    ChunkPipe pipe = new ChunkPipe(2);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = pipe.input()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    byte[] chunk = new byte[1000];
    for (int i = 0; i < 50; i++) {
      java.util.Arrays.fill(chunk, (byte) i);
      pipe.put(chunk, 0, chunk.length);
    }
    pipe.finish();
    byte[] all = read.get();
    assertThat(all).hasSize(50_000);
    assertThat(all[0]).isEqualTo((byte) 0);
    assertThat(all[49_999]).isEqualTo((byte) 49);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aConsumerThatStoppedNeverBlocksTheProducer() throws Exception {
    ChunkPipe pipe = new ChunkPipe(1);
    pipe.input().close();
    for (int i = 0; i < 100; i++) {
      pipe.put(new byte[10], 0, 10); // would block forever on a full pipe
    }
    pipe.finish();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aFailedProducerFailsTheConsumersRead() {
    ChunkPipe pipe = new ChunkPipe(4);
    pipe.put(new byte[] {1, 2}, 0, 2);
    pipe.fail();
    InputStream in = pipe.input();
    assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
        .hasMessageContaining("stopped before this layer's end");
  }
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void recycledBuffersNeverMixChunksOfDifferentSizes() throws Exception {
    ChunkPipe pipe = new ChunkPipe(3);
    java.util.Random random = new java.util.Random(11);
    byte[] all = new byte[4 << 20];
    random.nextBytes(all);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = pipe.input()) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] small = new byte[777]; // reads that end inside chunks
        for (int n; (n = in.read(small)) >= 0; ) {
          out.write(small, 0, n);
        }
        return out.toByteArray();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    for (int pos = 0; pos < all.length; ) {
      int n = Math.min(all.length - pos, 1 + random.nextInt(200_000)); // below and above 64 KiB
      assertThat(pipe.put(all, pos, n)).isTrue();
      pos += n;
    }
    pipe.finish();
    assertThat(read.get()).isEqualTo(all);
  }

  @Test
  void putSaysWhenTheConsumerHasGone() throws IOException {
    ChunkPipe pipe = new ChunkPipe(4);
    assertThat(pipe.put(new byte[] {1}, 0, 1)).isTrue();
    pipe.input().close();
    assertThat(pipe.put(new byte[] {2}, 0, 1)).isFalse();
  }
}

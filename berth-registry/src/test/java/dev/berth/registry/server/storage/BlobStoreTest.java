package dev.berth.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir
  Path root;

  @Test
  void putIsContentAddressedAndDeduplicated() throws Exception {
    BlobStore blobs = new BlobStore(root);
    byte[] content = "same bytes".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of(content);
    blobs.put(content, digest);
    blobs.put(content, digest);
    assertThat(blobs.all()).containsExactly(digest);
    assertThat(blobs.size(digest)).isEqualTo(content.length);
    assertThat(blobs.path(digest)).isEqualTo(root.resolve("blobs/sha256/" + digest.hex()));
  }

  @Test
  void deleteIfUnusedSinceSparesATouchedBlob() throws Exception {
    BlobStore blobs = new BlobStore(root);
    byte[] content = "x".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of(content);
    blobs.put(content, digest);
    Files.setLastModifiedTime(blobs.path(digest), FileTime.from(Instant.now().minusSeconds(7200)));
    Instant cutoff = Instant.now().minusSeconds(3600);
    blobs.touch(digest);
    assertThat(blobs.deleteIfUnusedSince(digest, cutoff)).isFalse();
    Files.setLastModifiedTime(blobs.path(digest), FileTime.from(Instant.now().minusSeconds(7200)));
    assertThat(blobs.deleteIfUnusedSince(digest, cutoff)).isTrue();
    assertThat(blobs.exists(digest)).isFalse();
    assertThat(blobs.touch(digest)).isFalse();
  }
}

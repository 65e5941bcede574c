package dev.berth.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStoreTest {
  @TempDir
  Path root;

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void completedUploadBecomesABlobAndOnlyThen() throws Exception {
    BlobStore blobs = new BlobStore(root);
    UploadStore uploads = new UploadStore(root, blobs);
    Upload upload = uploads.create("a/b");
    upload.append(bytes("hello "));
    upload.append(bytes("world"));
    Digest digest = Digest.of("hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(upload.sha256()).isEqualTo(digest);
    assertThat(blobs.exists(digest)).isFalse();
    assertThat(uploads.complete(upload, digest)).isTrue();
    assertThat(Files.readString(blobs.path(digest))).isEqualTo("hello world");
    assertThat(uploads.find("a/b", upload.id())).isEmpty();
    try (var left = Files.list(root.resolve("uploads"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void wrongDigestStoresNothing() throws Exception {
    BlobStore blobs = new BlobStore(root);
    UploadStore uploads = new UploadStore(root, blobs);
    Upload upload = uploads.create("a/b");
    upload.append(bytes("actual"));
    Digest claimed = Digest.of("claimed".getBytes(StandardCharsets.UTF_8));
    assertThat(uploads.complete(upload, claimed)).isFalse();
    assertThat(blobs.all()).isEmpty();
  }

  @Test
  void rollbackReturnsBytesAndHashToTheMark() throws Exception {
    UploadStore uploads = new UploadStore(root, new BlobStore(root));
    Upload upload = uploads.create("a/b");
    upload.append(bytes("keep"));
    Upload.Mark mark = upload.mark();
    upload.append(bytes(" and drop"));
    upload.rollback(mark);
    assertThat(upload.size()).isEqualTo(4);
    assertThat(upload.sha256()).isEqualTo(Digest.of("keep".getBytes(StandardCharsets.UTF_8)));
    upload.append(bytes("!"));
    assertThat(upload.sha256()).isEqualTo(Digest.of("keep!".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void uploadResumesAfterARestartWithItsHashRecomputed() throws Exception {
    Upload upload = new UploadStore(root, new BlobStore(root)).create("a/b");
    upload.append(bytes("first half, "));
    // a new store over the same root: what a restarted server sees
    UploadStore restarted = new UploadStore(root, new BlobStore(root));
    Upload resumed = restarted.find("a/b", upload.id()).orElseThrow();
    assertThat(resumed.size()).isEqualTo(12);
    assertThat(restarted.find("other/repo", upload.id())).isEmpty();
    resumed.append(bytes("second half"));
    Digest digest = Digest.of("first half, second half".getBytes(StandardCharsets.UTF_8));
    assertThat(restarted.complete(resumed, digest)).isTrue();
  }

  @Test
  void purgeEndsOnlyAbandonedUploads() throws Exception {
    UploadStore uploads = new UploadStore(root, new BlobStore(root));
    Upload old = uploads.create("a/b");
    Instant cutoff = Instant.now().plusMillis(1);
    while (!Instant.now().isAfter(cutoff)) {
      Thread.onSpinWait(); // the clock must pass the cutoff between the two creations
    }
    Upload fresh = uploads.create("a/b");
    assertThat(uploads.purge(cutoff)).containsExactly(old.id());
    assertThat(uploads.find("a/b", old.id())).isEmpty();
    assertThat(uploads.find("a/b", fresh.id())).isPresent();
  }
}

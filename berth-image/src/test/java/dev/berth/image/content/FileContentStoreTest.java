package dev.berth.image.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreTest {
  private static final byte[] HELLO = "hello, berth\n".getBytes(UTF_8);

  @TempDir Path root;
  private ContentStore store;

  @BeforeEach
  void setUp() {
    store = ContentStore.open(root);
  }

  @Test
  void openCreatesLayout() {
    assertThat(root.resolve("blobs")).isDirectory();
    assertThat(root.resolve("ingest")).isDirectory();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void putThenReadRoundTrip() throws IOException {
    Digest digest = store.put(HELLO);

    assertThat(digest).isEqualTo(Digest.of(HELLO));
    assertThat(store.exists(digest)).isTrue();
    assertThat(store.info(digest)).isEqualTo(new BlobInfo(digest, HELLO.length));
    try (InputStream in = store.open(digest)) {
      assertThat(in.readAllBytes()).isEqualTo(HELLO);
    }
    Path path = store.path(digest).orElseThrow();
    assertThat(path).isEqualTo(root.resolve("blobs/sha256/" + digest.hex()));
    assertThat(Files.getPosixFilePermissions(path))
        .isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
    assertThat(store.list()).containsExactly(digest);
    assertThat(store.verify(digest)).isTrue();
    assertNoIngestLeftovers();
  }

  @Test
  void writerComputesDigestWhenNoneExpected() {
    byte[] content = randomBytes(200_000, 1);
    Digest digest;
    try (BlobWriter writer = store.writer(null, -1)) {
      for (int off = 0; off < content.length; off += 7_000) {
        writer.write(content, off, Math.min(7_000, content.length - off));
      }
      writer.write(42);
      assertThat(writer.written()).isEqualTo(content.length + 1);
      digest = writer.commit();
    }
    byte[] expected = new byte[content.length + 1];
    System.arraycopy(content, 0, expected, 0, content.length);
    expected[content.length] = 42;
    assertThat(digest).isEqualTo(Digest.of(expected));
    assertThat(store.info(digest).size()).isEqualTo(expected.length);
  }

  @Test
  void putStreamWithExpectedDigestAndSize() {
    byte[] content = randomBytes(100_000, 2);
    Digest digest = store.put(new ByteArrayInputStream(content), Digest.of(content),
        content.length);
    assertThat(digest).isEqualTo(Digest.of(content));
    assertThat(store.exists(digest)).isTrue();
  }

  @Test
  void committingAnExistingBlobIsASuccess() {
    Digest first = store.put(HELLO);
    Digest second = store.put(new ByteArrayInputStream(HELLO), first);
    assertThat(second).isEqualTo(first);
    assertThat(store.list()).containsExactly(first);
    assertNoIngestLeftovers();
  }

  @Test
  void digestMismatchIsRefusedAndStoreUnchanged() {
    Digest existing = store.put(HELLO);
    List<Digest> before = store.list();
    byte[] other = "something else".getBytes(UTF_8);
    Digest expected = Digest.of("what was promised".getBytes(UTF_8));

    assertKind(() -> store.put(new ByteArrayInputStream(other), expected),
        ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining(expected.toString())
        .hasMessageContaining(Digest.of(other).toString());

    assertThat(store.list()).isEqualTo(before).containsExactly(existing);
    assertThat(store.exists(expected)).isFalse();
    assertThat(store.exists(Digest.of(other))).isFalse();
    assertNoIngestLeftovers();
  }

  @Test
  void shortContentIsASizeMismatch() {
    Digest expected = Digest.of(HELLO);
    BlobWriter writer = store.writer(expected, HELLO.length + 5);
    writer.write(HELLO, 0, HELLO.length);

    assertKind(writer::commit, ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining(expected.toString())
        .hasMessageContaining("expected " + (HELLO.length + 5) + " bytes, got " + HELLO.length);

    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
  }

  @Test
  void longContentIsRefusedAsSoonAsItOverflows() {
    BlobWriter writer = store.writer(null, 4);
    writer.write(HELLO, 0, 4);

    assertKind(() -> writer.write(HELLO, 4, 1), ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining("expected 4 bytes");
    assertKind(writer::commit, ErrorKind.FAILED_PRECONDITION);

    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
  }

  @Test
  void truncatedStreamWithKnownSizeIsRefused() {
    byte[] content = randomBytes(50_000, 3);
    Digest digest = Digest.of(content);
    InputStream truncated = new ByteArrayInputStream(content, 0, 30_000);

    assertKind(() -> store.put(truncated, digest, content.length), ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining(digest.toString())
        .hasMessageContaining("got 30000");

    assertThat(store.exists(digest)).isFalse();
    assertNoIngestLeftovers();
  }

  @Test
  void truncatedStreamWithoutSizeFailsOnDigest() {
    byte[] content = randomBytes(50_000, 4);
    Digest digest = Digest.of(content);

    assertKind(() -> store.put(new ByteArrayInputStream(content, 0, 100), digest),
        ErrorKind.INVALID_ARGUMENT).hasMessageContaining("digest mismatch");
    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
  }

  @Test
  void sourceThatBreaksMidwayLeavesNothing() {
    byte[] content = randomBytes(200_000, 5);
    Digest digest = Digest.of(content);
    InputStream breaking = new InputStream() {
      private final InputStream delegate = new ByteArrayInputStream(content, 0, 100_000);

      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = delegate.read(b, off, len);
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    };

    assertKind(() -> store.put(breaking, digest), ErrorKind.SYSTEM)
        .hasMessageContaining(digest.toString())
        .hasMessageContaining("connection reset");
    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
  }

  @Test
  void sha512IsHashedWithSha512() throws Exception {
    byte[] content = randomBytes(10_000, 6);
    Digest expected = new Digest(Digest.SHA512,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content)));

    Digest digest = store.put(new ByteArrayInputStream(content), expected, content.length);

    assertThat(digest).isEqualTo(expected);
    assertThat(root.resolve("blobs/sha512/" + expected.hex())).isRegularFile();
    assertThat(store.list()).containsExactly(expected);
    assertThat(store.verify(expected)).isTrue();
    assertThat(store.exists(Digest.of(content))).isFalse();
  }

  @Test
  void sha512MismatchNamesBothDigests() throws Exception {
    byte[] content = randomBytes(1_000, 7);
    Digest wrong = Digest.parse("sha512:" + "ab".repeat(64));
    Digest actual = new Digest(Digest.SHA512,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content)));

    assertKind(() -> store.put(new ByteArrayInputStream(content), wrong),
        ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining(wrong.toString())
        .hasMessageContaining(actual.toString());
    assertThat(store.list()).isEmpty();
  }

  @Test
  void concurrentWritersOfTheSameBlobAllSucceed() throws Exception {
    int writers = 8;
    byte[] content = randomBytes(300_000, 8);
    Digest expected = Digest.of(content);
    CyclicBarrier barrier = new CyclicBarrier(writers);
    List<Future<Digest>> results = new ArrayList<>();

    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < writers; i++) {
        results.add(executor.submit(() -> {
          try (BlobWriter writer = store.writer(expected, content.length)) {
            writer.write(content, 0, content.length / 2);
            barrier.await(); // all have temp files open at once
            writer.write(content, content.length / 2, content.length - content.length / 2);
            barrier.await(); // and all commit at once
            return writer.commit();
          }
        }));
      }
    }

    for (Future<Digest> result : results) {
      assertThat(result.get()).isEqualTo(expected);
    }
    assertThat(store.list()).containsExactly(expected);
    assertThat(store.verify(expected)).isTrue();
    try (Stream<Path> files = Files.list(root.resolve("blobs/sha256"))) {
      assertThat(files).hasSize(1);
    }
    assertNoIngestLeftovers();
  }

  @Test
  void concurrentPutsOfManyBlobs() throws Exception {
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      contents.add(randomBytes(20_000, 100 + i % 4)); // four distinct blobs, each put four times
    }
    List<Future<Digest>> results = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (byte[] content : contents) {
        results.add(executor.submit(() -> store.put(new ByteArrayInputStream(content),
            Digest.of(content))));
      }
    }
    for (int i = 0; i < contents.size(); i++) {
      assertThat(results.get(i).get()).isEqualTo(Digest.of(contents.get(i)));
    }
    assertThat(store.list()).hasSize(4);
    assertNoIngestLeftovers();
  }

  @Test
  void abortLeavesNothing() {
    BlobWriter writer = store.writer(null, -1);
    writer.write(HELLO, 0, HELLO.length);
    assertThat(ingestFiles()).hasSize(1);

    writer.abort();
    writer.abort(); // idempotent

    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
    assertKind(() -> writer.write(1), ErrorKind.FAILED_PRECONDITION);
    assertKind(writer::commit, ErrorKind.FAILED_PRECONDITION);
  }

  @Test
  void closeWithoutCommitAborts() {
    try (BlobWriter writer = store.writer(Digest.of(HELLO), HELLO.length)) {
      writer.write(HELLO, 0, HELLO.length);
    }
    assertThat(store.list()).isEmpty();
    assertNoIngestLeftovers();
  }

  @Test
  void closeAfterCommitKeepsTheBlob() {
    Digest digest;
    try (BlobWriter writer = store.writer(null, -1)) {
      writer.write(HELLO, 0, HELLO.length);
      digest = writer.commit();
    }
    assertThat(store.exists(digest)).isTrue();
  }

  @Test
  void gcRemovesOnlyUnreferencedBlobs() {
    Digest a = store.put("a".getBytes(UTF_8));
    Digest b = store.put("bb".getBytes(UTF_8));
    Digest c = store.put("ccc".getBytes(UTF_8));

    GcResult result = store.gc(Set.of(a), Duration.ofHours(1));

    assertThat(result.removedBlobs()).containsExactlyInAnyOrder(b, c);
    assertThat(result.removedIngests()).isZero();
    assertThat(result.bytesFreed()).isEqualTo(5);
    assertThat(store.list()).containsExactly(a);
    assertThat(store.gc(Set.of(a), Duration.ofHours(1)).removedBlobs()).isEmpty();
  }

  @Test
  void gcRemovesStaleIngestFilesButNotOpenWriters() throws IOException {
    Path stale = Files.write(root.resolve("ingest/crashed"), HELLO);
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Path fresh = Files.write(root.resolve("ingest/recent"), HELLO);
    BlobWriter open = store.writer(null, -1);
    open.write(HELLO, 0, HELLO.length);

    GcResult dayOld = store.gc(Set.of(), Duration.ofDays(1));
    assertThat(dayOld.removedIngests()).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();

    GcResult all = store.gc(Set.of(), Duration.ZERO);
    assertThat(all.removedIngests()).isEqualTo(1);
    assertThat(fresh).doesNotExist();

    Digest digest = open.commit(); // the open writer's temp file survived both collections
    assertThat(store.list()).containsExactly(digest);
    assertNoIngestLeftovers();
  }

  @Test
  void missingBlobIsNotFoundNamingTheDigest() {
    Digest missing = Digest.of("never stored".getBytes(UTF_8));

    assertThat(store.exists(missing)).isFalse();
    assertThat(store.path(missing)).isEmpty();
    assertKind(() -> store.open(missing), ErrorKind.NOT_FOUND)
        .hasMessageContaining(missing.toString());
    assertKind(() -> store.info(missing), ErrorKind.NOT_FOUND)
        .hasMessageContaining(missing.toString());
    assertKind(() -> store.delete(missing), ErrorKind.NOT_FOUND)
        .hasMessageContaining(missing.toString());
    assertKind(() -> store.verify(missing), ErrorKind.NOT_FOUND)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void deleteRemovesTheBlob() {
    Digest digest = store.put(HELLO);
    store.delete(digest);
    assertThat(store.exists(digest)).isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void verifyDetectsCorruption() throws IOException {
    Digest digest = store.put(HELLO);
    Path path = store.path(digest).orElseThrow();
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    Files.write(path, "tampered".getBytes(UTF_8));

    assertThat(store.verify(digest)).isFalse();
  }

  @Test
  void badDigestStringsAreRejected() {
    for (String bad : List.of("", "sha256", "sha256:", "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:" + "A".repeat(64), "sha256:" + "a".repeat(63), "sha512:" + "a".repeat(64),
        "sha256:../../etc/passwd")) {
      assertKind(() -> Digest.parse(bad), ErrorKind.INVALID_ARGUMENT)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void negativeExpectedSizeIsRejected() {
    assertKind(() -> store.writer(null, -2), ErrorKind.INVALID_ARGUMENT)
        .hasMessageContaining("-2");
    assertNoIngestLeftovers();
  }

  @Test
  void listIgnoresStrayFilesAndReopenSeesBlobs() throws IOException {
    Digest digest = store.put(HELLO);
    Files.writeString(root.resolve("blobs/sha256/not-a-digest"), "x");
    Files.createDirectories(root.resolve("blobs/md5"));

    ContentStore reopened = ContentStore.open(root);

    assertThat(reopened.list()).containsExactly(digest);
    assertThat(reopened.gc(Set.of(digest), Duration.ZERO).removedBlobs()).isEmpty();
    assertThat(root.resolve("blobs/sha256/not-a-digest")).exists();
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertKind(
      ThrowingCallable call, ErrorKind kind) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private void assertNoIngestLeftovers() {
    assertThat(ingestFiles()).isEmpty();
  }

  private List<Path> ingestFiles() {
    try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}

package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.image.ImageDetail;
import dev.berth.image.ImageService;
import dev.berth.image.ImageUsage;
import dev.berth.image.ImportOptions;
import dev.berth.image.LoadedImage;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import dev.berth.registry.server.TestRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull whose layer download is held half way does not hold up the image service: listing,
 * removing another image, garbage collection and another pull all finish meanwhile, and the held
 * pull then completes with everything it had written still there.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PullConcurrencyTest {
  @TempDir Path tmp;

  @Test
  void aHeldDownloadBlocksNoOtherImageChange() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    Path tar = tmp.resolve("busybox.tar");
    BusyboxFixture.rootfs(tar);
    // threads of their own: the common pool may have a single one on a small machine
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        ImageService source = ImageService.open(tmp.resolve("source"));
        ImageService target = ImageService.open(tmp.resolve("target"));
        TestRegistry fast = new TestRegistry()) {
      LoadedImage slowImage = BusyboxFixture.importInto(source, tar, "slow");
      LoadedImage quick = BusyboxFixture.importInto(source, tar, "quick");
      // another image, of a layer of its own (busybox's would make the slow layer present)
      Path victimDir = Files.createDirectory(tmp.resolve("other"));
      Files.writeString(victimDir.resolve("note"), "victim");
      Path otherTar = tmp.resolve("other.tar");
      assertThat(new ProcessBuilder("tar", "-cf", otherTar.toString(), "-C", victimDir.toString(),
          ".").inheritIO().start().waitFor()).isZero();
      try (InputStream in = Files.newInputStream(otherTar)) {
        target.importImage(in, new ImportOptions("victim", List.of(), null, null, "-"));
      }
      String quickName = "127.0.0.1:" + fast.registry.port() + "/quick/bb:1";
      ImageReference quickRef = ImageReference.parse(quickName);
      new ImagePusher(new RegistryClient(RegistryHosts.defaults().endpoint(quickRef.domain()),
          Credentials.ANONYMOUS), source.content(), 3, ProgressListener.NONE)
          .push(quickRef, source.inspect("quick").manifest(), List.of());

      ImageDetail slow = source.inspect("slow");
      byte[] manifest = read(source, slow.manifest().digest());
      Digest layer = ((ImageManifest) ManifestParser.parse(manifest, slow.manifest().mediaType()))
          .layers().getFirst().digest();
      CountDownLatch halfSent = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      try (FakeRegistry held = new FakeRegistry(e -> serve(e, source, slow, manifest, layer,
          halfSent, release))) {
        CompletableFuture<LoadedImage> pulling = CompletableFuture.supplyAsync(() ->
            target.pull(ImagePuller.of(RegistryHosts.defaults(), Credentials.ANONYMOUS,
                ImageReference.parse(held.host() + "/slow/bb:1"), Platform.host(),
                ProgressListener.NONE)), threads);
        try {
          while (!halfSent.await(100, TimeUnit.MILLISECONDS)) {
            if (pulling.isDone()) {
              pulling.join(); // a pull that failed before the layer: its error
              throw new AssertionError("the pull finished without fetching the held layer");
            }
          }
          CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            assertThat(target.list(false, Map.of())).isNotEmpty();
            target.remove("victim", false, false, ImageUsage.NONE);
            target.gc();
            LoadedImage other = target.pull(ImagePuller.of(RegistryHosts.defaults(),
                Credentials.ANONYMOUS, quickRef, Platform.host(), ProgressListener.NONE));
            assertThat(other.id()).isEqualTo(quick.id());
          }, threads);
          others.get(60, TimeUnit.SECONDS); // with the pull holding the lock: a timeout
          assertThat(pulling).isNotDone();
        } finally {
          release.countDown();
        }
        LoadedImage pulled = pulling.get(60, TimeUnit.SECONDS);
        assertThat(pulled.id()).isEqualTo(slowImage.id());
        // the blobs written before gc ran survived it
        ImageDetail copy = target.inspect(held.host() + "/slow/bb:1");
        assertThat(target.content().exists(copy.manifest().digest())).isTrue();
        assertThat(target.content().exists(copy.config() == null ? null
            : ((ImageManifest) ManifestParser.parse(read(target, copy.manifest().digest()),
                copy.manifest().mediaType())).config().digest())).isTrue();
        assertThat(target.prepareRootfs("c1", pulled.id().toString())).isNotEmpty();
        target.removeRootfs("c1");
        assertThat(target.gc().removedBlobs()).isEmpty();
      }
    }
  }

  /** The slow image from {@code source}'s store; the layer's body stops half way until released. */
  private static void serve(HttpExchange e, ImageService source, ImageDetail image,
      byte[] manifest, Digest layer, CountDownLatch halfSent, CountDownLatch release)
      throws java.io.IOException {
    String path = e.getRequestURI().getPath();
    if (path.equals("/v2/")) {
      FakeRegistry.reply(e, 200, new byte[0]);
    } else if (path.startsWith("/v2/slow/bb/manifests/")) {
      e.getResponseHeaders().set("Content-Type", image.manifest().mediaType());
      e.getResponseHeaders().set("Docker-Content-Digest", image.manifest().digest().toString());
      if (e.getRequestMethod().equals("HEAD")) {
        e.getResponseHeaders().set("Content-Length", Integer.toString(manifest.length));
        e.sendResponseHeaders(200, -1);
      } else {
        FakeRegistry.reply(e, 200, manifest);
      }
    } else if (path.startsWith("/v2/slow/bb/blobs/")) {
      Digest d = Digest.parse(path.substring("/v2/slow/bb/blobs/".length()));
      byte[] blob = read(source, d);
      if (!d.equals(layer)) {
        FakeRegistry.reply(e, 200, blob);
        return;
      }
      e.sendResponseHeaders(200, blob.length);
      OutputStream out = e.getResponseBody();
      out.write(blob, 0, blob.length / 2);
      out.flush();
      halfSent.countDown();
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
      out.write(blob, blob.length / 2, blob.length - blob.length / 2);
    } else {
      FakeRegistry.reply(e, 404, new byte[0]);
    }
  }

  private static byte[] read(ImageService images, Digest d) {
    try (InputStream in = images.content().open(d)) {
      return in.readAllBytes();
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}

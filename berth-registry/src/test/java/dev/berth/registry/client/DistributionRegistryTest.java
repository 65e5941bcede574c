package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.image.ImageDetail;
import dev.berth.image.ImageService;
import dev.berth.image.LoadedImage;
import dev.berth.oci.image.Platform;
import dev.berth.oci.reference.ImageReference;
import dev.berth.registry.server.auth.HtpasswdTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's client against Debian's docker-registry (distribution 2.8): push and pull with no
 * auth and with htpasswd Basic auth; wrong credentials are refused with the registry's 401.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributionRegistryTest {
  @TempDir Path tmp;

  private void roundTrip(DistributionRegistry registry, Credentials credentials)
      throws Exception {
    Path tar = tmp.resolve("busybox.tar");
    BusyboxFixture.rootfs(tar);
    try (ImageService a = ImageService.open(tmp.resolve("a"));
        ImageService b = ImageService.open(tmp.resolve("b"))) {
      LoadedImage busybox = BusyboxFixture.importInto(a, tar, "busybox");
      ImageReference ref = ImageReference.parse(registry.host() + "/berth/busybox:v1");
      RegistryClient client = new RegistryClient(RegistryHosts.defaults().endpoint(ref.domain()),
          credentials);
      ImageDetail local = a.inspect("busybox");
      PushResult pushed = new ImagePusher(client, a.content(), 3, ProgressListener.NONE)
          .push(ref, local.manifest(), List.of());
      // the plain imported layer went gzipped: a manifest of its own
      assertThat(pushed.digest()).isNotEqualTo(local.manifest().digest());
      assertThat(client.listTags("berth/busybox")).containsExactly("v1");

      LoadedImage pulled = b.pull(ImagePuller.of(RegistryHosts.defaults(), credentials, ref,
          Platform.host(), ProgressListener.NONE));
      assertThat(pulled.id()).isEqualTo(busybox.id());
      assertThat(b.inspect(ref.toString()).repoDigests())
          .containsExactly(registry.host() + "/berth/busybox@" + pushed.digest());
      assertThat(b.prepareRootfs("c", pulled.id().toString())).isNotEmpty();
      b.removeRootfs("c");
    }
  }

  @Test
  void pushAndPullWithoutAuth() throws Exception {
    assumeTrue(Files.isExecutable(DistributionRegistry.BINARY), "needs docker-registry");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    try (DistributionRegistry registry = new DistributionRegistry(null)) {
      roundTrip(registry, Credentials.ANONYMOUS);
    }
  }

  @Test
  void pushAndPullWithHtpasswd() throws Exception {
    assumeTrue(Files.isExecutable(DistributionRegistry.BINARY), "needs docker-registry");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    Path users = HtpasswdTestSupport.htpasswd(tmp.resolve("auth"), "carol", "s3cret");
    try (DistributionRegistry registry = new DistributionRegistry(users)) {
      RegistryClient anonymous = new RegistryClient(RegistryHosts.defaults()
          .endpoint(registry.host()), Credentials.ANONYMOUS);
      assertThatThrownBy(anonymous::checkLogin).isInstanceOfSatisfying(RegistryException.class,
          e -> assertThat(e.status()).isEqualTo(401));
      RegistryClient wrong = new RegistryClient(RegistryHosts.defaults()
          .endpoint(registry.host()), Credentials.basic("carol", "nope"));
      assertThatThrownBy(wrong::checkLogin).isInstanceOfSatisfying(RegistryException.class,
          e -> assertThat(e.unauthorized()).isTrue());
      new RegistryClient(RegistryHosts.defaults().endpoint(registry.host()),
          Credentials.basic("carol", "s3cret")).checkLogin();
      roundTrip(registry, Credentials.basic("carol", "s3cret"));
    }
  }

  @Test
  void pullsWhatSkopeoPushedAsDockerSchema2WithGzippedLayers() throws Exception {
    assumeTrue(Files.isExecutable(DistributionRegistry.BINARY), "needs docker-registry");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "needs skopeo");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (layer unpack)");
    Path tar = tmp.resolve("busybox.tar");
    BusyboxFixture.rootfs(tar);
    try (DistributionRegistry registry = new DistributionRegistry(null);
        ImageService a = ImageService.open(tmp.resolve("a"));
        ImageService b = ImageService.open(tmp.resolve("b"))) {
      LoadedImage busybox = BusyboxFixture.importInto(a, tar, "busybox");
      Path archive = tmp.resolve("saved.tar");
      try (var out = Files.newOutputStream(archive)) {
        a.save(List.of("busybox"), out);
      }
      String name = registry.host() + "/skopeo/busybox:s2";
      Process p = new ProcessBuilder("skopeo", "copy", "-q", "--dest-tls-verify=false",
          "docker-archive:" + archive, "docker://" + name).inheritIO().start();
      assertThat(p.waitFor()).isZero();
      ManifestResponse m = new RegistryClient(RegistryHosts.defaults()
          .endpoint(registry.host()), Credentials.ANONYMOUS).pullManifest("skopeo/busybox", "s2");
      assertThat(m.mediaType()).isEqualTo(dev.berth.oci.image.MediaTypes.DOCKER_MANIFEST);
      assertThat(new String(m.bytes())).contains(
          dev.berth.oci.image.MediaTypes.DOCKER_LAYER_GZIP);
      LoadedImage pulled = b.pull(ImagePuller.of(RegistryHosts.defaults(),
          Credentials.ANONYMOUS, ImageReference.parse(name), Platform.host(),
          ProgressListener.NONE));
      // same config, so the same image; the gzipped layer unpacks to the same diff_id
      assertThat(pulled.id()).isEqualTo(busybox.id());
      assertThat(b.inspect(name).manifest().digest()).isEqualTo(m.digest());
      assertThat(b.inspect(name).size()).isEqualTo(a.inspect("busybox").size());
    }
  }
}

package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.gc.GcReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Garbage collection while the registry serves: pushes in flight are never broken. */
class OnlineGcTest {
  private static void age(TestRegistry r, Digest d) throws Exception {
    Path p = r.root.resolve("data/blobs/sha256/" + d.hex());
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
  }

  @Test
  void aPushWhoseBlobsAreUpButWhoseManifestIsNotYetSurvivesACollection() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
      byte[] layer = "in flight".getBytes(StandardCharsets.UTF_8);
      r.pushBlob("gc/app", config);
      r.pushBlob("gc/app", layer);
      GcReport during = r.registry.collector().run(false);
      assertThat(during.deleted()).isEmpty();
      assertThat(during.keptYoung()).contains(Digest.of(layer));
      assertThat(r.putManifest("gc/app", "v1", MediaTypes.OCI_MANIFEST, TestImages.manifest(
          Digest.of(config), config.length, Digest.of(layer), layer.length)).statusCode())
          .isEqualTo(201);
      // once referenced, age no longer matters
      age(r, Digest.of(layer));
      assertThat(r.registry.collector().run(false).deleted()).isEmpty();
      assertThat(r.get("/v2/gc/app/blobs/" + Digest.of(layer)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void deletedImageIsCollectedAndAnsweredAs404() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
      byte[] layer = "to be collected".getBytes(StandardCharsets.UTF_8);
      r.pushBlob("gc/app", config);
      r.pushBlob("gc/app", layer);
      byte[] m = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
          layer.length);
      r.putManifest("gc/app", "v1", MediaTypes.OCI_MANIFEST, m);
      assertThat(r.send("DELETE", "/v2/gc/app/manifests/" + Digest.of(m), null).statusCode())
          .isEqualTo(202);
      for (byte[] b : new byte[][] {config, layer, m}) {
        age(r, Digest.of(b));
      }
      GcReport dry = r.registry.collector().run(true);
      assertThat(dry.deleted()).hasSize(3);
      assertThat(r.get("/v2/gc/app/blobs/" + Digest.of(layer)).statusCode()).isEqualTo(200);
      GcReport report = r.registry.collector().run(false);
      assertThat(report.deleted()).containsExactlyInAnyOrder(Digest.of(config), Digest.of(layer),
          Digest.of(m));
      assertThat(r.send("HEAD", "/v2/gc/app/blobs/" + Digest.of(layer), null).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void pushesRunningBesideRepeatedCollectionsAllComplete() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      AtomicBoolean pushing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<String>>> pushers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
          int id = p;
          pushers.add(pool.submit(() -> {
            List<String> pushed = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
              byte[] config = ("{\"os\":\"linux\",\"n\":\"" + id + "-" + i + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
              byte[] layer = ("layer " + id + "-" + i).getBytes(StandardCharsets.UTF_8);
              r.pushBlob("gc/p" + id, config);
              r.pushBlob("gc/p" + id, layer);
              int status = r.putManifest("gc/p" + id, "t" + i, MediaTypes.OCI_MANIFEST,
                  TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
                      layer.length)).statusCode();
              assertThat(status).isEqualTo(201);
              pushed.add("gc/p" + id + ":t" + i);
            }
            return pushed;
          }));
        }
        Future<Integer> collections = pool.submit(() -> {
          int runs = 0;
          while (pushing.get()) {
            r.registry.collector().run(false);
            runs++;
          }
          return runs;
        });
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : pushers) {
          all.addAll(f.get());
        }
        pushing.set(false);
        assertThat(collections.get()).isPositive();
        assertThat(all).hasSize(30);
        for (String ref : all) {
          String[] parts = ref.split(":");
          assertThat(r.get("/v2/" + parts[0] + "/manifests/" + parts[1]).statusCode())
              .isEqualTo(200);
        }
      } finally {
        pushing.set(false);
        pool.shutdownNow();
      }
    }
  }
}

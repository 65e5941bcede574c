package dev.berth.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryStoreTest {
  @TempDir
  Path root;

  private static Digest d(String s) {
    return Digest.of(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tagsResolveAndListSorted() throws Exception {
    RepositoryStore repos = new RepositoryStore(root);
    repos.putManifest("x/y", d("m"), "application/vnd.oci.image.manifest.v1+json");
    repos.tag("x/y", "latest", d("m"));
    repos.tag("x/y", "1.0", d("m"));
    assertThat(repos.tags("x/y")).containsExactly("1.0", "latest");
    assertThat(repos.resolve("x/y", "latest")).hasValue(d("m"));
    assertThat(repos.untag("x/y", "latest")).isTrue();
    assertThat(repos.resolve("x/y", "latest")).isEmpty();
    assertThat(repos.manifestType("x/y", d("m"))).hasValue("application/vnd.oci.image.manifest.v1+json");
  }

  @Test
  void catalogListsNestedRepositoriesWithManifestsOnly() throws Exception {
    RepositoryStore repos = new RepositoryStore(root);
    repos.putManifest("a", d("1"), "t");
    repos.putManifest("a/b/c", d("2"), "t");
    repos.linkBlob("only/blobs", d("3"));
    assertThat(repos.catalog()).containsExactly("a", "a/b/c");
    assertThat(repos.catalogAll()).containsExactly("a", "a/b/c", "only/blobs");
  }

  @Test
  void blobLinksArePerRepository() throws Exception {
    RepositoryStore repos = new RepositoryStore(root);
    repos.linkBlob("one", d("b"));
    repos.linkBlob("one", d("b"));
    assertThat(repos.hasBlob("one", d("b"))).isTrue();
    assertThat(repos.hasBlob("two", d("b"))).isFalse();
    assertThat(repos.blobs("one")).containsExactly(d("b"));
    assertThat(repos.unlinkBlob("one", d("b"))).isTrue();
    assertThat(repos.unlinkBlob("one", d("b"))).isFalse();
  }

  @Test
  void referrersAreKeptPerSubject() throws Exception {
    RepositoryStore repos = new RepositoryStore(root);
    repos.addReferrer("r", d("subject"), d("sig"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(repos.referrers("r", d("subject"))).hasSize(1);
    assertThat(repos.referrers("r", d("other"))).isEmpty();
    repos.removeReferrer("r", d("subject"), d("sig"));
    assertThat(repos.referrers("r", d("subject"))).isEmpty();
  }
}

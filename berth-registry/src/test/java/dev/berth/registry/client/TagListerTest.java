package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import org.junit.jupiter.api.Test;

class TagListerTest {
  @Test
  void listsEveryTag() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      Digest c = r.pushBlob("t/l", "{}".getBytes());
      byte[] manifest = TestImages.manifest(c, 2, null, 0);
      for (String tag : new String[] {"b", "a", "c"}) {
        r.putManifest("t/l", tag, MediaTypes.OCI_MANIFEST, manifest);
      }
      assertThat(new TagLister(EndpointFixture.caller(r)).list("t/l"))
          .containsExactly("a", "b", "c");
    }
  }
}

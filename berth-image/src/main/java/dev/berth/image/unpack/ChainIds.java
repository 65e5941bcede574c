package dev.berth.image.unpack;

import dev.berth.oci.image.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids (OCI image spec, "Layer ChainID"): the id of a layer stacked on everything below it,
 * so equal chain ids mean equal file systems. They name the committed snapshots, which is how a
 * base layer shared by many images is unpacked once.
 */
public final class ChainIds {
  private ChainIds() {}

  /** The chain id of each prefix of {@code diffIds}, lowest layer first. */
  public static List<Digest> of(List<Digest> diffIds) {
    List<Digest> out = new ArrayList<>(diffIds.size());
    Digest chain = null;
    for (Digest d : diffIds) {
      chain = chain == null ? d
          : Digest.of((chain + " " + d).getBytes(StandardCharsets.UTF_8));
      out.add(chain);
    }
    return List.copyOf(out);
  }
}

package dev.berth.image.unpack;

import dev.berth.oci.image.Digest;
import java.util.List;

/**
 * What {@link Unpacker#unpack} did: the chain id of every layer (lowest first; the last names the
 * image's top snapshot) and the ones it had to create, which a caller undoing a failed load
 * removes newest first.
 */
public record UnpackResult(List<Digest> chainIds, List<Digest> created) {
  public UnpackResult {
    chainIds = List.copyOf(chainIds);
    created = List.copyOf(created);
  }

  /** The snapshot a container of this image starts from, or null for an image without layers. */
  public String topSnapshot() {
    return chainIds.isEmpty() ? null : chainIds.getLast().toString();
  }
}

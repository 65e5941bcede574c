package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.image.Digest;
import dev.berth.oci.reference.ImageReference;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves what a Docker user types to an image id, in Docker's order: a full id; else a
 * reference looked up among the names; else a unique prefix of an id.
 */
final class ImageLookup {
  private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
  private static final Pattern SHORT_ID = Pattern.compile("(sha256:)?[0-9a-f]{1,63}");

  /** How a name resolved: the image, and the stored name it went through (null for an id). */
  record Match(Digest id, String storedName) {}

  private final ImageStore store;

  ImageLookup(ImageStore store) {
    this.store = store;
  }

  Match find(String name) {
    if (name == null || name.isBlank()) {
      throw BerthException.invalid("image name is empty");
    }
    if (FULL_ID.matcher(name).matches()) {
      Digest id = Digest.parse(name.startsWith("sha256:") ? name : "sha256:" + name);
      if (store.get(id).isPresent()) {
        return new Match(id, null);
      }
      throw noSuch(name);
    }
    ImageReference ref = null;
    BerthException invalid = null;
    try {
      ref = ImageReference.parse(name);
    } catch (BerthException e) {
      invalid = e;
    }
    if (ref != null) {
      String stored = ref.toString();
      var id = store.resolve(stored);
      if (id.isPresent()) {
        return new Match(id.get(), stored);
      }
    }
    if (SHORT_ID.matcher(name).matches()) {
      String prefix = name.startsWith("sha256:") ? name : "sha256:" + name;
      List<Digest> hits = store.list().stream().map(r -> r.id())
          .filter(d -> d.toString().startsWith(prefix)).toList();
      if (hits.size() == 1) {
        return new Match(hits.getFirst(), null);
      }
    }
    if (invalid != null) {
      throw invalid;
    }
    throw noSuch(displayName(ref));
  }

  /** Docker's not-found message, with the name as it shows it ({@code busybox:latest}). */
  static BerthException noSuch(String shown) {
    return new BerthException(ErrorKind.NOT_FOUND, "No such image: " + shown);
  }

  static String displayName(ImageReference ref) {
    return ref.digest().isPresent() ? ref.familiar() : ref.familiarName() + ":" + ref.tagOrLatest();
  }

  /** Docker's short id: 12 hex digits. */
  static String shortId(Digest id) {
    return id.hex().substring(0, 12);
  }
}

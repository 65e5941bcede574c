package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.image.Digest;
import dev.berth.oci.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker rmi} and {@code docker image prune}, with Docker's rules and messages:
 *
 * <ul>
 *   <li>By name: the name goes ({@code Untagged}); the image follows only when no name is left.
 *       A container using it blocks the last name unless forced.
 *   <li>By id: every name goes, but an image named in several repositories needs force.
 *   <li>A running container's image is never deleted; a stopped container's only by force.
 *       Images with children are never deleted.
 *   <li>A deleted image's untagged parent follows it, unless {@code noPrune}.
 * </ul>
 *
 * Conflicts are FAILED_PRECONDITION with Docker's {@code conflict: …} text; the API maps them to
 * 409. Runs under the service's change lock.
 */
final class ImageDeleter {
  private final LocalImageService service;
  private final ImageStore images;
  private final ImageUsage usage;

  ImageDeleter(LocalImageService service, ImageUsage usage) {
    this.service = service;
    this.images = service.images();
    this.usage = usage;
  }

  List<DeleteItem> remove(String name, boolean force, boolean noPrune) {
    ImageLookup.Match match = service.lookup().find(name);
    Digest id = match.id();
    List<DeleteItem> out = new ArrayList<>();
    if (match.storedName() != null) {
      List<String> names = images.namesOf(id);
      List<ImageUsage.ContainerUse> users = usage.containersOf(id);
      boolean last = names.stream().filter(n -> !n.equals(match.storedName()))
          .allMatch(n -> n.indexOf('@') >= 0);
      if (last && !users.isEmpty() && !force) {
        throw conflict("unable to remove repository reference \"" + name + "\" (must force) -"
            + " container " + shortId(users.getFirst().containerId())
            + " is using its referenced image " + ImageLookup.shortId(id));
      }
      untag(match.storedName(), out);
      if (!last) {
        return out;
      }
      // the tag was the last: digest references of the image go with it, then the image
      for (String n : images.namesOf(id)) {
        untag(n, out);
      }
      if (deletionConflict(id, true) != null) {
        return out; // Docker: an untag that leaves the image in use is the whole result
      }
    } else {
      List<String> names = images.namesOf(id);
      long repositories = names.stream().map(n -> ImageReference.parse(n).name()).distinct()
          .count();
      if (repositories > 1 && !force) {
        throw conflict("unable to delete " + ImageLookup.shortId(id) + " (must be forced) -"
            + " image is referenced in multiple repositories");
      }
      String hard = deletionConflict(id, force);
      if (hard != null) {
        throw conflict(hard);
      }
      for (String n : names) {
        untag(n, out);
      }
    }
    delete(id, noPrune, out);
    return out;
  }

  /**
   * Why {@code id} cannot be deleted now, or null: children and running containers always block,
   * stopped containers unless {@code force}.
   */
  private String deletionConflict(Digest id, boolean force) {
    String s = ImageLookup.shortId(id);
    if (images.list().stream().anyMatch(r -> id.equals(r.parent()))) {
      return "unable to delete " + s + " (cannot be forced) - image has dependent child images";
    }
    for (ImageUsage.ContainerUse u : usage.containersOf(id)) {
      if (u.running()) {
        return "unable to delete " + s + " (cannot be forced) - image is being used by running"
            + " container " + shortId(u.containerId());
      }
    }
    if (!force) {
      for (ImageUsage.ContainerUse u : usage.containersOf(id)) {
        return "unable to delete " + s + " (must be forced) - image is being used by stopped"
            + " container " + shortId(u.containerId());
      }
    }
    return null;
  }

  private void untag(String storedName, List<DeleteItem> out) {
    if (images.removeName(storedName)) {
      ImageReference r = ImageReference.parse(storedName);
      out.add(DeleteItem.untagged(r.digest().isPresent()
          ? r.familiarName() + "@" + r.digest().get() : r.familiar()));
    }
  }

  /** Deletes the image record, then its now unneeded layers and blobs, then maybe its parent. */
  private void delete(Digest id, boolean noPrune, List<DeleteItem> out) {
    Optional<Digest> parent = images.get(id).map(r -> r.parent());
    images.delete(id);
    out.add(DeleteItem.deleted(id.toString()));
    GcReport gc = service.collector().run();
    gc.removedSnapshots().stream().filter(k -> k.startsWith("sha256:"))
        .forEach(k -> out.add(DeleteItem.deleted(k)));
    if (noPrune || parent.isEmpty()) {
      return;
    }
    Digest p = parent.get();
    if (images.get(p).isPresent() && images.namesOf(p).isEmpty()
        && deletionConflict(p, false) == null) {
      delete(p, false, out);
    }
  }

  PruneReport prune(boolean all, Map<String, List<String>> filters) {
    ImageFilters f = ImageFilters.parse(filters, ImageFilters.PRUNE_KEYS, n -> {
      throw new IllegalStateException("prune takes no image-relative filter");
    });
    Boolean dangling = ImageFilters.dangling(filters);
    boolean everything = all || Boolean.FALSE.equals(dangling);
    List<DeleteItem> out = new ArrayList<>();
    long freed = 0;
    boolean progress = true;
    while (progress) { // a parent becomes prunable once its child is gone
      progress = false;
      for (ImageView v : service.views()) {
        if (!everything && !v.repoTags().isEmpty()) {
          continue;
        }
        if (!f.matches(v) || deletionConflict(v.id(), false) != null) {
          continue;
        }
        long before = layerBytes();
        for (String n : images.namesOf(v.id())) {
          untag(n, out);
        }
        delete(v.id(), true, out);
        freed += before - layerBytes();
        progress = true;
      }
    }
    return new PruneReport(out, freed);
  }

  private long layerBytes() {
    long total = 0;
    for (var info : service.snapshots().list()) {
      if (info.key().startsWith("sha256:")) {
        total += images.layerSize(Digest.parse(info.key())).orElse(0);
      }
    }
    return total;
  }

  private static String shortId(String containerId) {
    return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
  }

  private static BerthException conflict(String message) {
    return new BerthException(ErrorKind.FAILED_PRECONDITION, "conflict: " + message);
  }
}

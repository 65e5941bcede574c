package dev.berth.image;

/**
 * One line of what {@code docker rmi} reports: a name that was removed ({@code Untagged:
 * busybox:latest}) or an image or layer that was deleted ({@code Deleted: sha256:…}).
 */
public record DeleteItem(String untagged, String deleted) {
  public static DeleteItem untagged(String name) {
    return new DeleteItem(name, null);
  }

  public static DeleteItem deleted(String id) {
    return new DeleteItem(null, id);
  }
}

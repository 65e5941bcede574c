package dev.berth.image;

/**
 * One line of {@code docker diff}: a path of the container's file system and what happened to
 * it since the image — {@code kind} 0 changed, 1 added, 2 deleted, as the API numbers them.
 */
public record Change(String path, int kind) {
  public static final int MODIFIED = 0;
  public static final int ADDED = 1;
  public static final int DELETED = 2;
}

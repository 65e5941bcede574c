package dev.berth.image.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One mount, without its target: what {@link Snapshotter#mounts} returns and {@link Mounter}
 * performs. {@code type} is the file system type ({@code "overlay"}, {@code "bind"}); {@code
 * options} are mount(8)-style words, flags ({@code ro}, {@code rbind}) mixed with file system
 * data ({@code lowerdir=…}).
 *
 * <p>{@code chdir}, when not null, is the directory the mount must be made from: relative paths
 * in {@code source} and {@code options} resolve against it. An overlay snapshotter uses it when
 * absolute lower paths would not fit in the kernel's page-sized option string; a caller that
 * cannot change directory (an OCI runtime's mount list) must check it is null.
 */
public record MountSpec(String type, String source, List<String> options, Path chdir) {
  public MountSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  public MountSpec(String type, String source, List<String> options) {
    this(type, source, options, null);
  }

  /** True for a read-only mount. */
  public boolean readOnly() {
    return options.contains("ro");
  }
}

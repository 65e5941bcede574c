package dev.berth.engine.volume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One mount of a container, resolved at create: Docker's {@code MountPoint}, what inspect
 * shows under {@code Mounts}.
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param name the volume's name (volumes only)
 * @param source the host path: the bind's source, the volume's mountpoint
 * @param mode what the request said ({@code -v}'s options, {@code z} for a -v volume)
 * @param propagation a bind's propagation ({@code rprivate} unless asked)
 * @param copyData copy what the image has at {@code destination} into an empty volume
 * @param tmpfsOptions a tmpfs's {@code size=} and {@code mode=}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountPoint(
    String type,
    String name,
    String source,
    String destination,
    String driver,
    String mode,
    boolean rw,
    String propagation,
    boolean copyData,
    List<String> tmpfsOptions) {

  public static final String BIND = "bind";
  public static final String VOLUME = "volume";
  public static final String TMPFS = "tmpfs";

  public MountPoint {
    mode = mode == null ? "" : mode;
    propagation = propagation == null ? "" : propagation;
    tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
  }

  /** The same mount read-write or read-only, as {@code --volumes-from c:ro} asks. */
  MountPoint withRw(boolean writable) {
    return new MountPoint(type, name, source, destination, driver, mode, writable, propagation,
        copyData, tmpfsOptions);
  }

  /** A volume now known by name and place ({@code name} was empty for an anonymous one). */
  MountPoint withVolume(Volume v) {
    return new MountPoint(type, v.name(), v.mountpoint(), destination, v.driver(), mode, rw,
        propagation, copyData, tmpfsOptions);
  }
}

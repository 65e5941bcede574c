package dev.berth.api.volume;

import dev.berth.engine.volume.MountPoint;
import dev.berth.engine.volume.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's JSON shapes of a volume and of a container's mounts. */
public final class VolumeJson {
  private VolumeJson() {}

  /** Docker's {@code Volume}; {@code usage} ({@code UsageData}) only for {@code system df}. */
  public static Map<String, Object> volume(Volume v, Map<String, Object> usage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CreatedAt", v.createdAt());
    m.put("Driver", v.driver());
    m.put("Labels", v.labels());
    m.put("Mountpoint", v.mountpoint());
    m.put("Name", v.name());
    m.put("Options", v.options().isEmpty() ? null : v.options());
    m.put("Scope", "local");
    if (usage != null) {
      m.put("UsageData", usage);
    }
    return m;
  }

  /** A container's {@code Mounts}, as inspect and ps show them. */
  public static List<Map<String, Object>> mounts(List<MountPoint> mounts) {
    return mounts.stream().map(VolumeJson::mount).toList();
  }

  private static Map<String, Object> mount(MountPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Type", p.type());
    if (p.type().equals(MountPoint.VOLUME)) {
      m.put("Name", p.name());
    }
    m.put("Source", p.source() == null ? "" : p.source());
    m.put("Destination", p.destination());
    if (p.type().equals(MountPoint.VOLUME)) {
      m.put("Driver", p.driver());
    }
    m.put("Mode", p.mode());
    m.put("RW", p.rw());
    m.put("Propagation", p.propagation());
    return m;
  }
}

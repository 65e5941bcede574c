package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.Json;

/** {@code --mount type=bind,source=/a,target=/b,readonly} as one entry of HostConfig.Mounts. */
final class MountSpec {
  private MountSpec() {}

  static ObjectNode parse(String spec) {
    ObjectNode m = Json.object();
    String type = "volume";
    for (String field : spec.split(",")) {
      String[] kv = field.split("=", 2);
      String key = kv[0].trim().toLowerCase(java.util.Locale.ROOT);
      String value = kv.length > 1 ? kv[1] : null;
      switch (key) {
        case "type" -> type = value;
        case "source", "src" -> m.put("Source", value);
        case "target", "destination", "dst" -> m.put("Target", value);
        case "readonly", "ro" -> m.put("ReadOnly", value == null || bool(value, spec));
        case "consistency" -> m.put("Consistency", value);
        case "bind-propagation" -> m.with("BindOptions").put("Propagation", value);
        case "bind-recursive" -> m.with("BindOptions").put("NonRecursive",
            "disabled".equals(value));
        case "volume-nocopy" -> m.with("VolumeOptions").put("NoCopy",
            value == null || bool(value, spec));
        case "volume-driver" -> m.with("VolumeOptions").with("DriverConfig").put("Name", value);
        case "volume-label" -> {
          String[] l = value == null ? new String[] {""} : value.split("=", 2);
          m.with("VolumeOptions").with("Labels").put(l[0], l.length > 1 ? l[1] : "");
        }
        case "volume-opt" -> {
          String[] o = value == null ? new String[] {""} : value.split("=", 2);
          m.with("VolumeOptions").with("DriverConfig").with("Options").put(o[0],
              o.length > 1 ? o[1] : "");
        }
        case "tmpfs-size" -> m.with("TmpfsOptions").put("SizeBytes", Sizes.ramInBytes(value));
        case "tmpfs-mode" -> m.with("TmpfsOptions").put("Mode", Integer.parseInt(value, 8));
        default -> throw bad(spec, "unexpected key '" + key + "' in '" + field + "'");
      }
    }
    m.put("Type", type);
    if (!m.has("Target")) {
      throw bad(spec, "target is required");
    }
    return m;
  }

  private static boolean bool(String v, String spec) {
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw bad(spec, "invalid value for readonly: " + v);
    };
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("invalid argument \"" + spec
        + "\" for \"--mount\" flag: " + why);
  }

  static ObjectNode empty() {
    return Json.object();
  }
}

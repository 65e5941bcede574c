package dev.berth.image.change;

import dev.berth.oci.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The container config while changes are applied to it: mutable, used by one call only. Fields
 * nobody touched go back exactly as they came (null stays null); maps a change adds to come back
 * sorted by key, the order Go writes map keys in.
 */
final class Draft {
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  String user;
  Map<String, Map<String, Object>> exposedPorts;
  List<String> env;
  List<String> entrypoint;
  List<String> cmd;
  Map<String, Map<String, Object>> volumes;
  String workingDir;
  Map<String, String> labels;
  String stopSignal;
  ImageConfig.Healthcheck healthcheck;
  List<String> onBuild;
  final List<String> shell;
  Boolean argsEscaped;
  final Map<String, Object> extra;
  /** Whether a CMD came in these changes: Docker's dispatch state, fresh for each call. */
  boolean cmdSet;

  Draft(ImageConfig.ContainerConfig base) {
    if (base == null) {
      shell = null;
      extra = null;
      return;
    }
    user = base.user();
    exposedPorts = base.exposedPorts();
    env = base.env();
    entrypoint = base.entrypoint();
    cmd = base.cmd();
    volumes = base.volumes();
    workingDir = base.workingDir();
    labels = base.labels();
    stopSignal = base.stopSignal();
    healthcheck = base.healthcheck();
    onBuild = base.onBuild();
    shell = base.shell();
    argsEscaped = base.argsEscaped();
    extra = base.extra();
  }

  /** The value of an environment variable, or null when unset; names are case-sensitive. */
  String getenv(String name) {
    if (env == null) {
      return null;
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      String key = eq < 0 ? e : e.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : e.substring(eq + 1);
      }
    }
    return null;
  }

  /** Sets a variable, replacing an existing one in place, else appending. */
  void setenv(String name, String value) {
    var copy = env == null ? new ArrayList<String>() : new ArrayList<>(env);
    String entry = name + "=" + value;
    boolean replaced = false;
    for (int i = 0; i < copy.size() && !replaced; i++) {
      String e = copy.get(i);
      int eq = e.indexOf('=');
      if ((eq < 0 ? e : e.substring(0, eq)).equals(name)) {
        copy.set(i, entry);
        replaced = true;
      }
    }
    if (!replaced) {
      copy.add(entry);
    }
    env = copy;
  }

  void label(String key, String value) {
    var copy = labels == null ? new TreeMap<String, String>() : new TreeMap<>(labels);
    copy.put(key, value);
    labels = copy;
  }

  void expose(List<String> keys) {
    exposedPorts = withKeys(exposedPorts, keys);
  }

  void volume(List<String> paths) {
    volumes = withKeys(volumes, paths);
  }

  void onBuild(String trigger) {
    var copy = onBuild == null ? new ArrayList<String>() : new ArrayList<>(onBuild);
    copy.add(trigger);
    onBuild = copy;
  }

  /** The shell that shell-form commands run under: the image's SHELL, else /bin/sh -c. */
  List<String> shell() {
    return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
  }

  ImageConfig.ContainerConfig build() {
    return new ImageConfig.ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes,
        workingDir, labels, stopSignal, healthcheck, onBuild, shell, argsEscaped, extra);
  }

  private static Map<String, Map<String, Object>> withKeys(Map<String, Map<String, Object>> set,
      List<String> keys) {
    var copy = set == null ? new TreeMap<String, Map<String, Object>>() : new TreeMap<>(set);
    keys.forEach(k -> copy.put(k, Map.of()));
    return new LinkedHashMap<>(copy);
  }
}

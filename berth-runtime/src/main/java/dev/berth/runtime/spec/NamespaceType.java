package dev.berth.runtime.spec;

import dev.berth.error.BerthException;

/** The namespace types of linux.namespaces, with the name /proc/PID/ns uses for each. */
public enum NamespaceType {
  PID("pid", "pid"),
  NETWORK("network", "net"),
  MOUNT("mount", "mnt"),
  IPC("ipc", "ipc"),
  UTS("uts", "uts"),
  USER("user", "user"),
  CGROUP("cgroup", "cgroup");

  private final String configName;
  private final String procName;

  NamespaceType(String configName, String procName) {
    this.configName = configName;
    this.procName = procName;
  }

  public String configName() {
    return configName;
  }

  /** The name in /proc/PID/ns/ and in the launch plan. */
  public String procName() {
    return procName;
  }

  public static NamespaceType of(String name, String field) {
    for (NamespaceType t : values()) {
      if (t.configName.equals(name)) return t;
    }
    throw BerthException.invalid(field + ": unknown namespace type \"" + name + "\"");
  }
}

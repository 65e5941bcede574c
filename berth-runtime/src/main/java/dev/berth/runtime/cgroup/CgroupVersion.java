package dev.berth.runtime.cgroup;

/** Which cgroup interface the host offers. A hybrid host (v1 controllers and an empty v2 mount) is {@link #V1}. */
public enum CgroupVersion {
  V1,
  V2
}

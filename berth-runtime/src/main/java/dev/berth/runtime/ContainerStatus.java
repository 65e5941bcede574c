package dev.berth.runtime;

import java.util.Locale;

/** The OCI statuses; "creating" is never observed from outside a create call. */
public enum ContainerStatus {
  CREATING, CREATED, RUNNING, PAUSED, STOPPED;

  public String ociName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

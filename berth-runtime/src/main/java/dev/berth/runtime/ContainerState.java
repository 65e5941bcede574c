package dev.berth.runtime;

import dev.berth.oci.runtime.State;
import java.util.OptionalInt;

/** A container as observed now: its record, status and, once stopped, how it ended. */
public record ContainerState(ContainerRecord record, ContainerStatus status, OptionalInt exitCode, boolean oomKilled) {

  /** The OCI state document (pid only while the process lives). */
  public State oci() {
    Integer pid = status == ContainerStatus.STOPPED ? null : record.pid();
    return new State(record.ociVersion(), record.id(), status.ociName(), pid, record.bundle(), record.annotations());
  }
}

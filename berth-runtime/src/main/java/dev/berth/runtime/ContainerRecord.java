package dev.berth.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.berth.oci.runtime.Hooks;
import java.util.List;
import java.util.Map;

/**
 * What the runtime remembers of a container between commands, in its run directory's
 * state.json. Status is not stored: it is read from the process and the monitor's files.
 *
 * @param pidStart the process's start time in clock ticks (field 22 of /proc/PID/stat), so a
 *     recycled pid is not taken for the container
 * @param seccomp the profile, only in records of earlier versions: it is kept in the run
 *     directory's seccomp.json now
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerRecord(
    String id,
    String ociVersion,
    String bundle,
    String rootfs,
    int pid,
    long pidStart,
    String created,
    String cgroupPath,
    Map<String, String> annotations,
    List<String> namespaces,
    Hooks hooks,
    dev.berth.oci.runtime.Seccomp seccomp) {}

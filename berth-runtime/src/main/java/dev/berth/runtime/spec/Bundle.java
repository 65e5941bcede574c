package dev.berth.runtime.spec;

import dev.berth.oci.runtime.RuntimeConfig;
import java.nio.file.Path;

/** An OCI bundle whose config.json has been read and checked; rootfs is absolute. */
public record Bundle(Path dir, RuntimeConfig config, Path rootfs) {}

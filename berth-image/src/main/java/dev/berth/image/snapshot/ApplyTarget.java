package dev.berth.image.snapshot;

import dev.berth.image.layer.WhiteoutMode;
import java.nio.file.Path;

/** A directory a layer can be applied into, and the whiteout form the snapshotter expects. */
public record ApplyTarget(Path directory, WhiteoutMode mode) {}

package dev.berth.engine;

import java.time.Instant;

/**
 * One piece of a container's output as the shim logged it: when, on which stream (1 stdout,
 * 2 stderr, as in Docker's stream framing) and the bytes, with the newline when the line ended.
 */
public record LogEntry(Instant time, int stream, byte[] data) {}

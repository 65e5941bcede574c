package dev.berth.registry.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every progress message as {@code id: status} (or {@code status}) for assertions. */
final class RecordingProgress implements ProgressListener {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void status(String id, String status) {
    lines.add(id == null ? status : id + ": " + status);
  }

  @Override
  public void progress(String id, String status, long current, long total) {
    lines.add(id + ": " + status + " " + current + "/" + total);
  }
}

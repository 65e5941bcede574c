package dev.berth.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code docker logs -f}: the CRI log read from its start and then as the shim appends to it,
 * until the container has exited and the file is read to its end. The file is kept open by
 * descriptor, so when the shim rotates it (renames it to {@code .1} and starts a new one) the
 * rest of the old one is read before the new one; entries come exactly once, in order.
 */
public final class LogFollower {
  private LogFollower() {}

  /**
   * Sends every entry at or after {@code since} (null: all) to {@code sink} until {@code exit}
   * is done and nothing more is written; of what was written before, only the last {@code tail}
   * ({@code -1}: all).
   */
  public static void follow(Path log, Instant since, int tail, Future<?> exit,
      Consumer<LogEntry> sink) throws IOException, InterruptedException {
    // what is in the file already is held back so --tail can keep only its end
    java.util.ArrayDeque<LogEntry> backlog = new java.util.ArrayDeque<>();
    boolean[] caughtUp = {false};
    Consumer<LogEntry> out = e -> {
      if (caughtUp[0]) {
        sink.accept(e);
      } else {
        backlog.addLast(e);
        if (tail >= 0 && backlog.size() > tail) {
          backlog.removeFirst();
        }
      }
    };
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      log.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY);
      RandomAccessFile file = null;
      Object inode = null;
      ByteArrayOutputStream partial = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      try {
        while (true) {
          if (file == null && Files.exists(log)) {
            file = new RandomAccessFile(log.toFile(), "r");
            inode = Files.getAttribute(log, "unix:ino", LinkOption.NOFOLLOW_LINKS);
          }
          boolean read = false;
          if (file != null) {
            for (int n; (n = file.read(buf)) > 0; ) {
              read = true;
              emit(buf, n, partial, since, out);
            }
            Object now = Files.exists(log)
                ? Files.getAttribute(log, "unix:ino", LinkOption.NOFOLLOW_LINKS) : null;
            if (now != null && !now.equals(inode)) {
              file.close(); // rotated: the old file is read to its end above
              file = null;
              continue;
            }
          }
          if (!read && !caughtUp[0]) {
            caughtUp[0] = true;
            backlog.forEach(sink);
            backlog.clear();
          }
          if (!read) {
            if (exit.isDone()) {
              return; // ended, and everything it wrote has been read
            }
            // woken by the shim's writes; the timeout re-checks the exit
            var key = watch.poll(250, TimeUnit.MILLISECONDS);
            if (key != null) {
              key.pollEvents();
              key.reset();
            }
          }
        }
      } finally {
        if (file != null) {
          file.close();
        }
      }
    }
  }

  private static void emit(byte[] buf, int n, ByteArrayOutputStream partial, Instant since,
      Consumer<LogEntry> sink) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        partial.write(buf, start, i - start);
        LogEntry e = LogReader.parse(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        if (e != null && (since == null || !e.time().isBefore(since))) {
          sink.accept(e);
        }
        start = i + 1;
      }
    }
    partial.write(buf, start, n - start);
  }
}

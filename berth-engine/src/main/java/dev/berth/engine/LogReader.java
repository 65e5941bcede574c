package dev.berth.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a container's CRI log ({@code <RFC 3339 time> stdout|stderr F|P <text>}, rotated as
 * {@code log.N … log.1, log}) back into {@link LogEntry}s for {@code docker logs}: oldest first,
 * filtered by time, the last {@code tail} lines only when asked.
 */
public final class LogReader {
  private LogReader() {}

  /**
   * The entries of {@code log} and its rotated files with time in [since, until) (nulls for
   * open ends), at most the last {@code tail} ({@code -1} for all).
   */
  public static List<LogEntry> read(Path log, Instant since, Instant until, int tail)
      throws IOException {
    List<LogEntry> out = new ArrayList<>();
    Predicate<LogEntry> inRange = e -> (since == null || !e.time().isBefore(since))
        && (until == null || e.time().isBefore(until));
    for (Path file : files(log)) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null; ) {
          LogEntry e = parse(line);
          if (e != null && inRange.test(e)) {
            out.add(e);
          }
        }
      }
    }
    if (tail >= 0 && out.size() > tail) {
      return List.copyOf(out.subList(out.size() - tail, out.size()));
    }
    return out;
  }

  /** The rotated files oldest first, then the current one; missing files are skipped. */
  static List<Path> files(Path log) {
    List<Path> out = new ArrayList<>();
    for (int i = 9; i >= 1; i--) {
      Path p = log.resolveSibling(log.getFileName() + "." + i);
      if (Files.exists(p)) {
        out.add(p);
      }
    }
    if (Files.exists(log)) {
      out.add(log);
    }
    return out;
  }

  /** One CRI line, or null if it is not one. */
  static LogEntry parse(String line) {
    int a = line.indexOf(' ');
    int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
    int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
    if (c < 0 && b >= 0 && line.length() == b + 2) {
      c = line.length(); // a partial tag with empty text
    }
    if (c < 0) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(line.substring(0, a));
    } catch (DateTimeParseException e) {
      return null;
    }
    String stream = line.substring(a + 1, b);
    boolean full = line.charAt(b + 1) == 'F';
    String text = c >= line.length() ? "" : line.substring(c + 1);
    byte[] data = (full ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
    return new LogEntry(time, stream.equals("stderr") ? 2 : 1, data);
  }
}

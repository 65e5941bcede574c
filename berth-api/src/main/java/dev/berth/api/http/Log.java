package dev.berth.api.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/** berthd's log: one line per event on stderr, at or above the configured level. */
public final class Log {
  /** Levels as dockerd's {@code --log-level} names them. */
  public enum Level { DEBUG, INFO, WARN, ERROR, FATAL }

  private static volatile Level threshold = Level.INFO;

  private Log() {}

  public static void level(Level level) {
    threshold = level;
  }

  public static Level parseLevel(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARN;
      case "error" -> Level.ERROR;
      case "fatal", "panic" -> Level.FATAL;
      default -> throw new IllegalArgumentException("unknown log level \"" + name
          + "\" (debug, info, warn, error, fatal)");
    };
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  public static void error(String message, Throwable cause) {
    log(Level.ERROR, message, cause);
  }

  private static void log(Level level, String message, Throwable cause) {
    if (level.compareTo(threshold) < 0) {
      return;
    }
    String line = Instant.now() + " " + level.name().toLowerCase(java.util.Locale.ROOT) + " "
        + message;
    if (cause != null && threshold == Level.DEBUG) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      line += "\n" + trace;
    }
    System.err.println(line);
  }
}

package dev.berth.api.image;

import dev.berth.api.http.JsonStream;
import dev.berth.api.http.Response;
import dev.berth.registry.client.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pull and push progress as Docker's JSON stream (docker-api.md §3.3): {@code status} and
 * {@code id} lines, and progress lines with {@code progressDetail} and the pre-rendered {@code
 * progress} bar compose 1.29 prints. The stream (and its 200) starts with the first message, so
 * a failure before it is still an ordinary HTTP error. Transfer threads call in concurrently.
 */
final class StreamProgress implements ProgressListener {
  private static final int BAR = 50;
  private final Response response;
  private JsonStream out;

  StreamProgress(Response response) {
    this.response = response;
  }

  @Override
  public void status(String id, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (id != null) {
      m.put("progressDetail", Map.of());
      m.put("id", id);
    }
    send(m);
  }

  @Override
  public void progress(String id, String status, long current, long total) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("progressDetail", total > 0 ? Map.of("current", current, "total", total)
        : Map.of("current", current));
    m.put("progress", bar(current, total));
    m.put("id", id);
    send(m);
  }

  /** A message of the caller's own (the push's aux). */
  synchronized void send(Object message) {
    stream().send(message);
  }

  synchronized JsonStream stream() {
    if (out == null) {
      out = response.jsonStream();
    }
    return out;
  }

  /** Docker's bar: {@code [=====>     ]  1.2MB/3.4MB}. */
  static String bar(long current, long total) {
    if (total <= 0) {
      return human(current);
    }
    int filled = (int) Math.min(BAR, current * BAR / total);
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < BAR; i++) {
      s.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    return s.append("] ").append(human(current)).append('/').append(human(total)).toString();
  }

  /** Go's units.HumanSize: decimal units, three significant digits. */
  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    String n = String.format(java.util.Locale.ROOT, "%.3g", v);
    if (n.contains(".")) {
      n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return n + units[u];
  }
}

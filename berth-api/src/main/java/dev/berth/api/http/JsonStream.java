package dev.berth.api.http;

import dev.berth.error.BerthException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A progress stream as moby's stream formatter writes it: one JSON object per message, each
 * followed by {@code \r\n} and flushed, so the CLI shows it at once (docker-api.md §3.3).
 */
public final class JsonStream implements Closeable {
  private static final byte[] CRLF = {'\r', '\n'};
  private final OutputStream out;

  JsonStream(OutputStream out) {
    this.out = out;
  }

  /** Writes one message (a map, record or any Jackson-serialisable value). */
  public void send(Object message) {
    try {
      out.write(Json.bytes(message));
      out.write(CRLF);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"stream": text}}: build and load output, printed verbatim by the CLI. */
  public void stream(String text) {
    send(Map.of("stream", text));
  }

  /** {@code {"status": text}}. */
  public void status(String text) {
    send(Map.of("status", text));
  }

  /**
   * The in-stream error: both {@code errorDetail} (what makes the Go CLI fail) and {@code error}
   * (what docker-java looks at).
   */
  public void error(String message) {
    send(Json.object("errorDetail", Map.of("message", message), "error", message));
  }

  public void error(BerthException e) {
    error(e.getMessage());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

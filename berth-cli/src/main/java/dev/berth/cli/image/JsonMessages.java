package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.CliException;
import dev.berth.client.ApiResponse;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * Shows a stream of the daemon's JSON progress messages as docker does when the output is not
 * a terminal: {@code stream} text as is, {@code status} lines (prefixed by the id), and an
 * {@code error} ends the command with its message.
 */
final class JsonMessages {
  private JsonMessages() {}

  static void display(ApiResponse response, PrintStream out) {
    try (response) {
      Iterator<JsonNode> it = response.jsonStream();
      while (it.hasNext()) {
        JsonNode m = it.next();
        if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
          String message = m.path("errorDetail").path("message").asText(m.path("error").asText());
          out.flush();
          throw new CliException(message);
        }
        if (m.hasNonNull("stream")) {
          out.print(m.get("stream").asText());
        } else if (m.hasNonNull("status")) {
          String id = m.path("id").asText("");
          out.println(id.isEmpty() ? m.get("status").asText() : id + ": " + m.get("status").asText());
        }
      }
      out.flush();
    }
  }
}

package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.CliException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The daemon's JSON progress stream shown as docker's jsonmessage shows it. In a terminal each
 * layer keeps one line, rewritten in place (cursor up to it, erase, write, cursor back down);
 * otherwise plain lines, without the progress bars. An {@code error} message ends the command.
 */
final class ProgressDisplay {
  private final PrintStream out;
  private final boolean terminal;
  private final int width;
  private Map<String, Integer> lines = new HashMap<>();

  ProgressDisplay(PrintStream out, boolean terminal, int width) {
    this.out = out;
    this.terminal = terminal;
    this.width = width;
  }

  void show(JsonNode m) {
    if (m.hasNonNull("aux")) {
      return;
    }
    String id = m.path("id").asText("");
    boolean hasProgress = m.has("progressDetail") && !m.get("progressDetail").isNull();
    String progressMessage = m.path("progress").asText("");
    int diff = 0;
    if (!id.isEmpty() && (hasProgress || !progressMessage.isEmpty())) {
      Integer line = lines.get(id);
      if (line == null) {
        line = lines.size();
        lines.put(id, line);
        if (terminal) {
          out.print("\n");
        }
      }
      diff = lines.size() - line;
      if (terminal && diff > 0) {
        out.print("\u001b[" + diff + "A");
      }
    } else {
      // anything else starts afresh: older lines are not rewritten any more
      lines = new HashMap<>();
    }
    try {
      display(m, id, hasProgress, progressMessage);
    } finally {
      if (!id.isEmpty() && terminal && diff > 0) {
        out.print("\u001b[" + diff + "B");
      }
    }
  }

  private void display(JsonNode m, String id, boolean hasProgress, String progressMessage) {
    if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
      out.flush();
      throw new CliException(m.path("errorDetail").path("message").asText(m.path("error").asText()));
    }
    String stream = m.path("stream").asText("");
    String status = m.path("status").asText("");
    String bar = hasProgress
        ? ProgressBar.of(m.get("progressDetail"), width, Instant.now().getEpochSecond()) : "";
    String endl = "";
    if (terminal && stream.isEmpty() && hasProgress) {
      out.print("\u001b[2K\r");
      endl = "\r";
    } else if (hasProgress && !bar.isEmpty()) {
      return; // no progress bars outside a terminal
    }
    if (!id.isEmpty()) {
      out.print(id + ": ");
    }
    String from = m.path("from").asText("");
    if (!from.isEmpty()) {
      out.print("(from " + from + ") ");
    }
    if (hasProgress && terminal) {
      out.print(status + " " + bar + endl);
    } else if (!progressMessage.isEmpty()) {
      out.print(status + " " + progressMessage + endl);
    } else if (!stream.isEmpty()) {
      out.print(stream + endl);
    } else {
      out.print(status + endl + "\n");
    }
  }
}

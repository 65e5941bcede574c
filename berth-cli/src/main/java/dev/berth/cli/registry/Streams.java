package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Iterator;

/** Sends a pull or push and shows its progress stream (or swallows it, for -q). */
final class Streams {
  private Streams() {}

  static void follow(ApiRequest request, boolean quiet) {
    PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : Cli.out();
    boolean terminal = !quiet && Terminal.stdoutIsTerminal();
    int[] size = terminal ? Terminal.size() : null;
    ProgressDisplay display = new ProgressDisplay(out, terminal, size == null ? 200 : size[1]);
    try (ApiResponse response = Cli.client().send(request)) {
      Iterator<JsonNode> it = response.jsonStream();
      while (it.hasNext()) {
        display.show(it.next());
        if (terminal) {
          out.flush();
        }
      }
    } finally {
      out.flush();
    }
  }
}

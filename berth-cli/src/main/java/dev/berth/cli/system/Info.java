package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.container.Units;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.JsonRow;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code berth info}: the client's and the daemon's state in docker's layout, or a --format. */
final class Info extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("info").synopsis("[OPTIONS]").description("Display system-wide information");
    c.add(Flag.value("-f", "--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(args::add);
  }

  String format;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    if (format != null && !format.isEmpty()) {
      return formatted();
    }
    PrintStream out = out();
    out.println("Client: " + ClientVersion.PLATFORM);
    out.println(" Version:    " + Cli.VERSION);
    out.println(" Context:    default");
    out.println(" Debug Mode: " + Cli.debug());
    out.println();
    out.println("Server:");
    JsonNode info;
    try {
      info = client().get("/info");
    } catch (RuntimeException e) {
      out.flush();
      throw new CliException(Errors.describe(e));
    }
    ServerInfo.print(out, info, Cli.debug());
    out.flush();
    for (JsonNode w : info.path("Warnings")) {
      err().println(w.asText());
    }
    return 0;
  }

  private int formatted() {
    Template t;
    try {
      t = Template.parse(format.equals("json") ? "{{json .}}" : format);
    } catch (TemplateException e) {
      throw new CliException(64, "template parsing error: " + e.getMessage());
    }
    JsonNode info = client().get("/info");
    var client = ClientVersion.json(client().apiVersion());
    client.put("Debug", Cli.debug());
    client.putArray("Plugins");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("ClientInfo", client);
    StringBuilder sb = new StringBuilder();
    try {
      t.execute(new JsonRow(info, "system.dockerInfo", extra), sb);
    } catch (TemplateException e) {
      out().println(sb);
      out().flush();
      throw new CliException(e.getMessage());
    }
    out().println(sb);
    out().flush();
    return 0;
  }

  /** Go's fmt.Println of a JSON value: text as is, numbers and booleans as Go prints them. */
  static String text(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? "" : n.isTextual() ? n.asText() : dev.berth.client.Json.write(n);
  }

  static String bytes(JsonNode n) {
    return Units.bytesSize(n.asDouble());
  }
}

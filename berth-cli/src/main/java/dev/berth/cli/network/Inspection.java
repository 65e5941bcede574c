package dev.berth.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.container.JsonIndent;
import dev.berth.cli.format.JsonRow;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * docker's inspect for networks and volumes: the objects found as one indented JSON array (or
 * compact with {@code json}), or a template per object with Go's missingkey=error; the
 * daemon's errors for the names not found come last, and make the exit code 1.
 */
public final class Inspection {
  private Inspection() {}

  /**
   * @param goType the Go type docker executes templates on when it has no raw JSON to fall
   *     back to ("volume.Volume"), or null when templates see the JSON as maps
   */
  public static int print(PrintStream out, String format, List<String> names,
      Function<String, JsonNode> lookup, String goType) {
    Template template = null;
    if (format != null && !format.isEmpty() && !format.equals("json")) {
      try {
        template = Template.parse(format).missingKeyError();
      } catch (TemplateException e) {
        throw new CliException(64, "template parsing error: " + e.getMessage());
      }
    }
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        found.add(lookup.apply(name));
      } catch (ApiException e) {
        errors.add(Errors.describe(e));
      }
    }
    if (template == null) {
      var array = Json.array();
      found.forEach(array::add);
      out.println("json".equals(format) ? dev.berth.client.Json.write(array) : JsonIndent.of(array));
    } else {
      for (JsonNode node : found) {
        StringBuilder sb = new StringBuilder();
        try {
          template.execute(goType == null ? node : new JsonRow(node, goType), sb);
        } catch (TemplateException e) {
          // docker drops what the failed template wrote: an empty line, then the error
          out.println();
          out.flush();
          throw new CliException("template parsing error: " + e.getMessage());
        }
        out.println(sb);
      }
    }
    out.flush();
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }
}

package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.container.JsonIndent;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth image inspect}: the images' JSON as an indented array, or a template per image
 * (with Go's missingkey=error, as docker's inspect templates run).
 */
final class InspectImages extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("inspect").synopsis("[OPTIONS] IMAGE [IMAGE...]").description("Display detailed information on one or more images");
    c.add(Flag.value("-f", "--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals("[<images>...]", images::add);
  }

  String format;
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, images, 1);
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
    for (String name : images) {
      try {
        found.add(client().get("/images/" + seg(name) + "/json"));
      } catch (ApiException e) {
        errors.add(Errors.describe(e));
      }
    }
    if ("json".equals(format)) {
      // docker's compact inspector: the daemon's objects as they came, in one array
      var array = Json.array();
      found.forEach(array::add);
      out().println(dev.berth.client.Json.write(array));
    } else if (template == null) {
      var array = Json.array();
      found.forEach(array::add);
      out().println(JsonIndent.of(array));
    } else {
      for (JsonNode image : found) {
        StringBuilder sb = new StringBuilder();
        try {
          template.execute(image, sb);
        } catch (TemplateException e) {
          // docker drops what the failed template wrote: an empty line, then the error
          out().println();
          out().flush();
          throw new CliException("template parsing error: " + e.getMessage());
        }
        out().println(sb);
      }
    }
    out().flush();
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }
}

package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.ApiException;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth inspect} (any object: containers, then images, networks, volumes, as docker
 * probes) and {@code berth container inspect} (containers only).
 */
class Inspect extends ApiCommand {
  String format;
  boolean size;
  String type;
  List<String> names = new ArrayList<>();

  @Override
  protected void define(Command c) {
    c.name("inspect").synopsis("[OPTIONS] NAME|ID [NAME|ID...]")
        .description("Return low-level information on Docker objects");
    c.add(Flag.value("-f", "--format").label("string")
        .describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.bool("-s", "--size")
        .describe("Display total file sizes if the type is container").toBool(v -> size = v));
    c.add(Flag.value("--type").label("string")
        .describe("Only inspect objects of the given type").to(v -> type = v));
    c.positionals(names::add);
  }

  /** {@code container inspect}: the same, restricted to containers. */
  static final class ContainerOnly extends Inspect {
    @Override
    protected void define(Command c) {
      super.define(c);
      c.synopsis("[OPTIONS] CONTAINER [CONTAINER...]")
          .description("Display detailed information on one or more containers");
    }

    @Override
    String fixedType() {
      return "container";
    }
  }

  String fixedType() {
    return null;
  }

  @Override
  public Integer call() {
    Args.atLeast(spec, names, 1);
    String t = fixedType() != null ? fixedType() : type;
    if (t != null && !List.of("container", "image", "network", "volume", "config", "node",
        "plugin", "secret", "service", "task").contains(t)) {
      throw new CliException("\"" + t + "\" is not a valid value for --type");
    }
    Template template = null;
    if (format != null && !format.isEmpty()) {
      try {
        // docker runs inspect templates with missingkey=error
        template = Template.parse(format.equals("json") ? "{{json .}}" : format)
            .missingKeyError();
      } catch (TemplateException e) {
        throw new CliException(64, "template parsing error: " + e.getMessage());
      }
    }
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : names) {
      try {
        found.add(lookup(n, t));
      } catch (ApiException e) {
        errors.add(t == null && e.notFound() ? "Error: No such object: " + n
            : "Error response from daemon: " + e.getMessage());
      }
    }
    if (template == null) {
      var arr = Json.array();
      found.forEach(arr::add);
      out().println(JsonIndent.of(arr));
    } else {
      var text = new StringBuilder();
      for (JsonNode n : found) {
        try {
          text.append(template.execute(n)).append('\n');
        } catch (TemplateException e) {
          // like docker: what the elements before gave (an empty line if none), the error
          out().print(text.isEmpty() ? "\n" : text);
          out().flush();
          throw new CliException("template parsing error: " + e.getMessage());
        }
      }
      out().print(text);
    }
    out().flush();
    errors.forEach(err()::println);
    return errors.isEmpty() ? 0 : CliException.FAILED;
  }

  private JsonNode lookup(String name, String t) {
    String s = seg(name);
    if (t == null || t.equals("container")) {
      try {
        JsonNode c = client().get("/containers/" + s + "/json", Query.NONE.flag("size", size));
        if (size && c instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
          // docker's type has these fields even when the daemon leaves them out
          for (String f : List.of("SizeRw", "SizeRootFs")) {
            if (!o.has(f)) {
              o.putNull(f);
            }
          }
        }
        return c;
      } catch (ApiException e) {
        if (t != null || !e.notFound()) {
          throw e;
        }
      }
    }
    if (t == null || t.equals("image")) {
      try {
        return client().get("/images/" + s + "/json");
      } catch (ApiException e) {
        if (t != null || !e.notFound()) {
          throw e;
        }
      }
    }
    if (t == null || t.equals("network")) {
      try {
        return client().get("/networks/" + s);
      } catch (ApiException e) {
        if (t != null || !e.notFound()) {
          throw e;
        }
      }
    }
    if (t == null || t.equals("volume")) {
      try {
        return client().get("/volumes/" + s);
      } catch (ApiException e) {
        if (t != null || !e.notFound()) {
          throw e;
        }
      }
    }
    throw new ApiException(404, t == null ? "No such object: " + name
        : "No such " + t + ": " + name);
  }
}

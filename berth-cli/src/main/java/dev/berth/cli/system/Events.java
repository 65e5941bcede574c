package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.GoStruct;
import dev.berth.cli.format.JsonRow;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.image.Times;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code berth events}: the daemon's events as they happen (or between --since and --until),
 * one line each in docker's form
 * {@code 2026-01-02T15:04:05.000000000Z container start <id> (image=busybox, name=web)}.
 */
final class Events extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("events").synopsis("[OPTIONS]").description("Get real time events from the server");
    c.add(Flag.value("-f", "--filter").label("filter").describe("Filter output based on conditions provided").each(filters::add));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.value("--since").label("string").describe("Show all events created since timestamp").to(v -> since = v));
    c.add(Flag.value("--until").label("string").describe("Stream events until this timestamp").to(v -> until = v));
    c.positionals(args::add);
  }

  List<String> filters = new ArrayList<>();
  String format;
  String since;
  String until;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    Template template = template(format);
    Instant now = Instant.now();
    Query q = Query.NONE.withIfSet("since", ApiTimes.toApi(since, now))
        .withIfSet("until", ApiTimes.toApi(until, now));
    for (var e : Filters.query(filters).params()) {
      q = q.with(e.getKey(), e.getValue());
    }
    PrintStream out = out();
    try (ApiResponse r = client().send(ApiRequest.get("/events").query(q))) {
      Iterator<JsonNode> it = r.jsonStream();
      while (it.hasNext()) {
        JsonNode event = it.next();
        if (template == null) {
          out.println(line(event));
        } else {
          try {
            out.println(template.execute(row(event)));
          } catch (TemplateException e) {
            out.flush();
            throw new CliException(e.getMessage());
          }
        }
        out.flush();
      }
    }
    return 0;
  }

  /** Parses --format and tries it on an empty event, so a bad field fails before any output. */
  static Template template(String format) {
    if (format == null || format.isEmpty()) {
      return null;
    }
    try {
      Template t = Template.parse(format.equals("json") ? "{{json .}}" : format);
      t.execute(row(Json.object()));
      return t;
    } catch (TemplateException e) {
      throw new CliException(64, "Error parsing format: " + e.getMessage());
    }
  }

  /** docker's pretty event line. */
  static String line(JsonNode event) {
    StringBuilder sb = new StringBuilder();
    long nano = event.path("timeNano").asLong(0);
    long sec = event.path("time").asLong(0);
    if (nano != 0) {
      sb.append(Times.rfc3339NanoFixed(Instant.ofEpochSecond(0, nano))).append(' ');
    } else if (sec != 0) {
      sb.append(Times.rfc3339NanoFixed(Instant.ofEpochSecond(sec))).append(' ');
    }
    sb.append(event.path("Type").asText("")).append(' ').append(event.path("Action").asText(""))
        .append(' ').append(event.path("Actor").path("ID").asText(""));
    JsonNode attrs = event.path("Actor").path("Attributes");
    if (attrs.isObject() && !attrs.isEmpty()) {
      Map<String, String> sorted = new TreeMap<>();
      attrs.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
      List<String> parts = new ArrayList<>();
      sorted.forEach((k, v) -> parts.add(k + "=" + v));
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    return sb.toString();
  }

  /**
   * The event as docker's {@code events.Message}: Go field names over the JSON keys, the
   * struct's field order in JSON.
   */
  static JsonRow row(JsonNode event) {
    ObjectNode ordered = Json.object();
    for (String k : List.of("status", "id", "from")) {
      if (!event.path(k).asText("").isEmpty()) {
        ordered.set(k, event.get(k));
      }
    }
    ordered.put("Type", event.path("Type").asText(""));
    ordered.put("Action", event.path("Action").asText(""));
    ObjectNode actor = ordered.putObject("Actor");
    actor.put("ID", event.path("Actor").path("ID").asText(""));
    JsonNode attrs = event.path("Actor").path("Attributes");
    actor.set("Attributes", attrs.isObject() ? attrs : null);
    ordered.put("scope", event.path("scope").asText(""));
    ordered.put("time", event.path("time").asLong(0));
    ordered.put("timeNano", event.path("timeNano").asLong(0));

    Map<String, String> attributes = new TreeMap<>();
    attrs.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    Map<String, Object> actorFields = new LinkedHashMap<>();
    actorFields.put("ID", actor.get("ID").asText());
    actorFields.put("Attributes", attributes);
    Map<String, Object> aliases = new LinkedHashMap<>();
    aliases.put("Status", event.path("status").asText(""));
    aliases.put("ID", event.path("id").asText(""));
    aliases.put("From", event.path("from").asText(""));
    aliases.put("Scope", event.path("scope").asText(""));
    aliases.put("Time", event.path("time").asLong(0));
    aliases.put("TimeNano", event.path("timeNano").asLong(0));
    // the template sees Actor with a typed attribute map; JSON shows the ordered object
    return new JsonRow(ordered, "*events.Message", Map.of(), aliases)
        .override("Actor", new GoStruct(actorFields));
  }
}

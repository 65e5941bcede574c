package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.JsonRow;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.TabWriter;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import dev.berth.cli.format.TemplateFunction;
import dev.berth.client.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code berth version}: the Client section (Berth's own version) and the Server's components,
 * through docker's version template, aligned with its tabwriter settings (min width 20,
 * padding 1).
 */
final class Version extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("version").synopsis("[OPTIONS]").description("Show the Berth version information");
    c.add(Flag.value("-f", "--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(args::add);
  }

  /** The layout docker prints; the same field names, so users' templates carry over. */
  static final String DEFAULT_TEMPLATE = """
      {{with .Client -}}
      Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
       Version:\t{{.Version}}
       API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
       Go version:\t{{.GoVersion}}
       Git commit:\t{{.GitCommit}}
       Built:\t{{.BuildTime}}
       OS/Arch:\t{{.Os}}/{{.Arch}}
       Context:\t{{.Context}}
      {{- end}}

      {{- if ne .Server nil}}{{with .Server}}

      Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
       {{- range $component := .Components}}
       {{$component.Name}}:
        {{- if eq $component.Name "Engine" }}
        Version:\t{{.Version}}
        API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
        Go version:\t{{index .Details "GoVersion"}}
        Git commit:\t{{index .Details "GitCommit"}}
        Built:\t{{index .Details "BuildTime"}}
        OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
        Experimental:\t{{index .Details "Experimental"}}
        {{- else }}
        Version:\t{{$component.Version}}
        {{- $detailsOrder := getDetailsOrder $component}}
        {{- range $key := $detailsOrder}}
        {{$key}}:\t{{index $component.Details $key}}
         {{- end}}
        {{- end}}
       {{- end}}
       {{- end}}{{- end}}""";

  private static final DateTimeFormatter ANSIC =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  String format;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    Template template = template(format);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("Client", ClientVersion.row(client().apiVersion()));
    RuntimeException serverError = null;
    try {
      info.put("Server", server(client().get("/version")));
    } catch (RuntimeException e) {
      serverError = e;
      info.put("Server", null);
    }
    Row data = new JsonRow(Json.object(), "system.versionInfo", info);
    StringBuilder sb = new StringBuilder();
    TemplateException failure = null;
    try {
      template.execute(data, sb);
    } catch (TemplateException e) {
      failure = e;
    }
    sb.append('\n');
    out().print(new TabWriter(20, 1).format(sb.toString()));
    out().flush();
    if (serverError != null) {
      throw new CliException(Errors.describe(serverError));
    }
    if (failure != null) {
      throw new CliException(failure.getMessage());
    }
    return 0;
  }

  static Template template(String format) {
    String text = format == null || format.isEmpty() ? DEFAULT_TEMPLATE
        : format.equals("json") ? "{{json .}}" : format;
    Map<String, TemplateFunction> functions = Map.of("getDetailsOrder", Version::detailsOrder);
    try {
      return Template.parse("version", text, functions);
    } catch (TemplateException e) {
      throw new CliException(64, "template parsing error: " + e.getMessage());
    }
  }

  /** The server's version with the Engine's build time as docker reformats it (ANSI C). */
  static JsonRow server(JsonNode version) {
    ObjectNode v = version.deepCopy();
    ArrayNode components = v.withArray("Components");
    boolean engine = false;
    for (JsonNode c : components) {
      if (c.path("Name").asText().equals("Engine")) {
        engine = true;
        if (c.path("Details").has("BuildTime")) {
          ((ObjectNode) c.get("Details")).put("BuildTime", ansic(c.get("Details").get("BuildTime").asText()));
        }
      }
    }
    if (!engine) {
      ObjectNode d = Json.object();
      d.put("ApiVersion", v.path("ApiVersion").asText());
      d.put("MinAPIVersion", v.path("MinAPIVersion").asText());
      d.put("GitCommit", v.path("GitCommit").asText());
      d.put("GoVersion", v.path("GoVersion").asText());
      d.put("Os", v.path("Os").asText());
      d.put("Arch", v.path("Arch").asText());
      d.put("BuildTime", ansic(v.path("BuildTime").asText()));
      d.put("Experimental", Boolean.toString(v.path("Experimental").asBoolean()));
      components.addObject().put("Name", "Engine").put("Version", v.path("Version").asText()).set("Details", d);
    }
    Map<String, Object> aliases = new LinkedHashMap<>();
    aliases.put("APIVersion", v.path("ApiVersion").asText(""));
    aliases.put("Platform", Json.object().put("Name", ""));
    for (String k : List.of("Version", "MinAPIVersion", "GitCommit", "GoVersion", "Os", "Arch",
        "KernelVersion", "BuildTime")) {
      aliases.put(k, "");
    }
    aliases.put("Experimental", false);
    return new JsonRow(v, "*types.Version", Map.of(), aliases);
  }

  static String ansic(String time) {
    try {
      return ANSIC.format(OffsetDateTime.parse(time));
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  private static Object detailsOrder(List<Object> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("wrong number of args");
    }
    List<String> keys = new ArrayList<>();
    if (args.getFirst() instanceof JsonNode c) {
      c.path("Details").fieldNames().forEachRemaining(keys::add);
    }
    keys.sort(null);
    return keys;
  }
}

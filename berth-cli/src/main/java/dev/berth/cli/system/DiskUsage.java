package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Units;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.GoStruct;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code berth system df}: space used by images, containers, volumes and build cache; -v lists
 * each object in four tables, as docker does.
 */
final class DiskUsage extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("df").synopsis("[OPTIONS]").description("Show berth disk usage");
    c.add(Flag.bool("-v", "--verbose").describe("Show detailed information on space usage").toBool(v -> verbose = v));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals(args::add);
  }

  boolean verbose;
  String format;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.none(spec, args);
    String fmt = format == null || format.isEmpty() ? Formatter.TABLE : format;
    // parse before asking the daemon, so a bad template costs no request
    Formatter summary = null;
    Template whole = null;
    try {
      if (!verbose) {
        summary = Formatter.of(fmt, UsageRows.SUMMARY_TABLE).titles(UsageRows.SUMMARY_TITLES);
      } else if (!fmt.equals(Formatter.TABLE)) {
        whole = Template.parse(fmt.equals("json") ? "{{json .}}" : strip(fmt));
      }
    } catch (TemplateException e) {
      throw new CliException(e.getMessage().startsWith("template parsing error")
          ? e.getMessage() : "template parsing error: " + e.getMessage());
    }
    JsonNode du = client().get("/system/df");
    try {
      if (summary != null) {
        summary.write(out(), UsageRows.summary(du));
      } else if (whole != null) {
        out().print(whole.execute(verboseData(du, false)));
      } else {
        verboseTables(out(), du);
      }
    } catch (TemplateException e) {
      throw new CliException(e.getMessage().startsWith("template parsing error")
          ? e.getMessage() : "template parsing error: " + e.getMessage());
    }
    out().flush();
    return 0;
  }

  private static Map<String, Object> verboseData(JsonNode du, boolean trunc) {
    Instant now = Instant.now();
    Map<String, Object> data = new LinkedHashMap<>();
    List<Row> images = new ArrayList<>();
    du.path("Images").forEach(i -> images.add(UsageRows.image(i, trunc, now)));
    List<Row> containers = new ArrayList<>();
    du.path("Containers").forEach(c -> containers.add(UsageRows.container(c, trunc, now)));
    List<Row> volumes = new ArrayList<>();
    du.path("Volumes").forEach(v -> volumes.add(UsageRows.volume(v)));
    List<Row> cache = new ArrayList<>();
    du.path("BuildCache").forEach(b -> cache.add(UsageRows.cache(b, trunc, now)));
    // docker's struct order, which {{json .}} keeps
    data.put("Images", images);
    data.put("Containers", containers);
    data.put("Volumes", volumes);
    data.put("BuildCache", cache);
    return new GoStruct(data);
  }

  @SuppressWarnings("unchecked")
  private static void verboseTables(PrintStream out, JsonNode du) {
    Map<String, Object> data = verboseData(du, true);
    out.print("Images space usage:\n\n");
    out.print(Formatter.of("", UsageRows.IMAGE_TABLE).titles(imageTitles())
        .render((List<Row>) data.get("Images")));
    out.print("\nContainers space usage:\n\n");
    out.print(Formatter.of("", UsageRows.CONTAINER_TABLE).titles(UsageRows.CONTAINER_TITLES)
        .render((List<Row>) data.get("Containers")));
    out.print("\nLocal Volumes space usage:\n\n");
    out.print(Formatter.of("", UsageRows.VOLUME_TABLE).titles(UsageRows.VOLUME_TITLES)
        .render((List<Row>) data.get("Volumes")));
    long builder = du.path("BuilderSize").asLong(0);
    out.print("\nBuild cache usage: " + Units.humanSize(builder) + "\n\n");
    out.print(Formatter.of("", UsageRows.CACHE_TABLE).titles(UsageRows.CACHE_TITLES)
        .render((List<Row>) data.get("BuildCache")));
  }

  private static Map<String, String> imageTitles() {
    return Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG", "CreatedSince", "CREATED",
        "Size", "SIZE", "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE", "Containers", "CONTAINERS",
        "CreatedAt", "CREATED AT", "Digest", "DIGEST");
  }

  private static String strip(String f) {
    return f.replace("\\t", "\t").replace("\\n", "\n");
  }
}

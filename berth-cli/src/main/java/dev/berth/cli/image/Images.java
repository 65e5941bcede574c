package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images} / {@code berth image ls}: docker's image table or a --format. */
@Command(name = "images", customSynopsis = "[OPTIONS] [REPOSITORY[:TAG]]", description = "List images")
final class Images extends ApiCommand {
  @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
  boolean quiet;
  @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
  boolean all;
  @Option(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;
  @Option(names = "--digests", description = "Show digests")
  boolean digests;
  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Option(names = {"-f", "--filter"}, paramLabel = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new ArrayList<>();
  @Parameters(hidden = true)
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    if (args.size() > 1) {
      Args.between(spec, args, 0, 1);
    }
    String fmt = format == null || format.isEmpty() ? Formatter.TABLE : format;
    String table = digests ? ImageRow.DEFAULT_TABLE_DIGESTS : ImageRow.DEFAULT_TABLE;
    if (fmt.equals(Formatter.TABLE) && quiet) {
      fmt = "{{.ID}}";
    } else if (fmt.equals("raw")) {
      fmt = quiet ? "image_id: {{.ID}}" : digests ? ImageRow.RAW_DIGESTS : ImageRow.RAW;
    } else if (fmt.startsWith(Formatter.TABLE) && !fmt.equals(Formatter.TABLE) && digests
        && !fmt.contains("{{.Digest}}")) {
      fmt += "\t{{.Digest}}";
    }
    Formatter formatter;
    try {
      formatter = Formatter.of(fmt, table).titles(ImageRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    List<String> all = new ArrayList<>(filters);
    if (!args.isEmpty()) {
      all.add("reference=" + args.getFirst());
    }
    Query q = Query.NONE.flag("all", this.all);
    for (var e : Filters.query(all).params()) {
      q = q.with(e.getKey(), e.getValue());
    }
    JsonNode list = client().get("/images/json", q);
    boolean needDigest = digests || fmt.contains("{{.Digest}}");
    Instant now = Instant.now();
    List<ImageRow> rows = new ArrayList<>();
    list.forEach(img -> rows.addAll(ImageRow.of(img, digests, needDigest, !noTrunc, now)));
    try {
      formatter.write(out(), rows);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    return 0;
  }
}

package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.container.Filters;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import dev.berth.client.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code berth images} / {@code berth image ls}: docker's image table or a --format. */
final class Images extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("images").synopsis("[OPTIONS] [REPOSITORY[:TAG]]").description("List images");
    c.add(Flag.bool("-q", "--quiet").describe("Only show image IDs").toBool(v -> quiet = v));
    c.add(Flag.bool("-a", "--all").describe("Show all images (default hides intermediate images)").toBool(v -> all = v));
    c.add(Flag.bool("--no-trunc").describe("Don't truncate output").toBool(v -> noTrunc = v));
    c.add(Flag.bool("--digests").describe("Show digests").toBool(v -> digests = v));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.add(Flag.value("-f", "--filter").label("filter").describe("Filter output based on conditions provided").each(filters::add));
    c.positionals(args::add);
  }

  boolean quiet;
  boolean all;
  boolean noTrunc;
  boolean digests;
  String format;
  List<String> filters = new ArrayList<>();
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

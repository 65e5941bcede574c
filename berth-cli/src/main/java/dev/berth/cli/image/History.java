package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code berth history} / {@code berth image history}: the layers of an image. */
final class History extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("history").synopsis("[OPTIONS] IMAGE").description("Show the history of an image");
    c.add(Flag.optionalBool("-H", "--human").label("bool").describe("Print sizes and dates in human readable format (default true)").toBool(v -> human = v));
    c.add(Flag.bool("-q", "--quiet").describe("Only show image IDs").toBool(v -> quiet = v));
    c.add(Flag.bool("--no-trunc").describe("Don't truncate output").toBool(v -> noTrunc = v));
    c.add(Flag.value("--format").label("string").describe("Format output using a custom template").to(v -> format = v));
    c.positionals("[<images>...]", images::add);
  }

  boolean human = true;
  boolean quiet;
  boolean noTrunc;
  String format;
  List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, images, 1);
    String fmt = format == null || format.isEmpty() ? Formatter.TABLE : format;
    if (fmt.equals(Formatter.TABLE) && quiet) {
      fmt = "{{.ID}}";
    }
    Formatter formatter;
    try {
      formatter = Formatter.of(fmt, human ? HistoryRow.DEFAULT_TABLE : HistoryRow.NON_HUMAN_TABLE)
          .titles(HistoryRow.TITLES);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    var layers = client().get("/images/" + seg(images.getFirst()) + "/history");
    Instant now = Instant.now();
    List<HistoryRow> rows = new ArrayList<>();
    layers.forEach(l -> rows.add(new HistoryRow(l, !noTrunc, human, now)));
    try {
      formatter.write(out(), rows);
    } catch (TemplateException e) {
      throw new CliException(e.getMessage());
    }
    return 0;
  }
}

package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.format.Formatter;
import dev.berth.cli.format.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth history} / {@code berth image history}: the layers of an image. */
@Command(name = "history", customSynopsis = "[OPTIONS] IMAGE", description = "Show the history of an image")
final class History extends ApiCommand {
  @Option(names = {"-H", "--human"}, arity = "0..1", fallbackValue = "true", paramLabel = "bool",
      description = "Print sizes and dates in human readable format (default true)")
  boolean human = true;
  @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
  boolean quiet;
  @Option(names = "--no-trunc", description = "Don't truncate output")
  boolean noTrunc;
  @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
  String format;
  @Parameters List<String> images = new ArrayList<>();

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

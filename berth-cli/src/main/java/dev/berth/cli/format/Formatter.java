package dev.berth.cli.format;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A command's {@code --format}, as docker's formatter applies it: empty or {@code table} gives
 * the command's default table, {@code table <template>} a table whose header comes from the
 * column titles, {@code json} one JSON object per line, anything else a template per row.
 * {@code \t} and {@code \n} written literally in the format become tab and newline.
 *
 * <pre>{@code
 * Formatter.of(format, "table {{.ID}}\t{{.Image}}")
 *     .titles(Map.of("ID", "CONTAINER ID", "Image", "IMAGE"))
 *     .write(System.out, rows);
 * }</pre>
 */
public final class Formatter {
  public static final String TABLE = "table";
  public static final String JSON = "json";

  private final boolean table;
  private final Template template;
  private Map<String, String> titles;

  private Formatter(boolean table, Template template) {
    this.table = table;
    this.template = template;
  }

  /**
   * @param format what the user gave ({@code --format}), possibly null or empty
   * @param defaultTableTemplate the command's default, e.g. {@code table {{.ID}}\t{{.Image}}}
   * @throws TemplateException "template parsing error: ..." when the template does not parse
   */
  public static Formatter of(String format, String defaultTableTemplate) {
    String f = format == null || format.isEmpty() || format.equals(TABLE) ? defaultTableTemplate : format;
    boolean table = f.startsWith(TABLE);
    String text;
    if (table) {
      text = f.substring(TABLE.length());
    } else if (f.equals(JSON)) {
      text = "{{json .}}";
    } else {
      text = f;
    }
    text = strip(text).replace("\\t", "\t").replace("\\n", "\n");
    try {
      return new Formatter(table, Template.parse(text));
    } catch (TemplateException e) {
      throw new TemplateException("template parsing error: " + e.getMessage());
    }
  }

  /** Column titles by field name (ID → CONTAINER ID); without them a title is the upper-cased name. */
  public Formatter titles(Map<String, String> titles) {
    this.titles = titles;
    return this;
  }

  /**
   * Runs the template once on {@code sample} (docker ps does it on an empty context before
   * listing) and throws the bare Go error, for the caller to word: "failed to execute template: ...".
   */
  public void check(Row sample) {
    template.execute(sample, new StringBuilder());
  }

  public boolean isTable() {
    return table;
  }

  /** Renders every row first, so a failing template prints nothing, as with docker. */
  public String render(List<? extends Row> rows) {
    StringBuilder body = new StringBuilder();
    for (Row row : rows) {
      try {
        template.execute(row, body);
      } catch (TemplateException e) {
        throw new TemplateException("template parsing error: " + e.getMessage());
      }
      body.append('\n');
    }
    if (!table) {
      return body.toString();
    }
    String header = template.executeHeader(new HeaderRow(titles));
    return TabWriter.align(header + "\n" + body);
  }

  public void write(PrintStream out, List<? extends Row> rows) {
    out.print(render(rows));
    out.flush();
  }

  /** strings.Trim(s, " "): spaces only, not tabs or newlines. */
  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }
}

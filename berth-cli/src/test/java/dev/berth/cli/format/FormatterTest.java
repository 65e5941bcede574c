package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker's formatter rules: table, json, custom templates, header titles and alignment. */
class FormatterTest {
  private static final String DEFAULT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
  private static final Map<String, String> TITLES = Map.of(
      "Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID", "CreatedSince", "CREATED",
      "Size", "SIZE", "Labels", "LABELS");

  private static Row image(String repo, String tag, String id, String created, String size) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Repository", repo);
    f.put("Tag", tag);
    f.put("ID", id);
    f.put("CreatedSince", created);
    f.put("Size", size);
    return Row.of("*formatter.imageContext", f);
  }

  private static final List<Row> ROWS = List.of(
      image("busybox", "latest", "a416a98b71e2", "2 months ago", "4.26MB"),
      image("registry.example.com/team/app", "v1.2.3", "0123456789ab", "3 days ago", "120MB"));

  @Test
  void defaultTableAlignsLikeDocker() {
    String out = Formatter.of("", DEFAULT).titles(TITLES).render(ROWS);
    assertThat(out).isEqualTo("""
        REPOSITORY                      TAG       IMAGE ID       CREATED        SIZE
        busybox                         latest    a416a98b71e2   2 months ago   4.26MB
        registry.example.com/team/app   v1.2.3    0123456789ab   3 days ago     120MB
        """);
    assertThat(Formatter.of("table", DEFAULT).titles(TITLES).render(ROWS)).isEqualTo(out);
    assertThat(Formatter.of(null, DEFAULT).isTable()).isTrue();
  }

  @Test
  void customTableTakesTitlesFromFieldNamesAndLiteralTabs() {
    String out = Formatter.of("table {{.ID}}\\t{{.Repository}}", DEFAULT).titles(TITLES).render(ROWS);
    assertThat(out).isEqualTo("""
        IMAGE ID       REPOSITORY
        a416a98b71e2   busybox
        0123456789ab   registry.example.com/team/app
        """);
  }

  @Test
  void headerFunctionsLeaveTitlesIntactButPadStillPads() {
    String out = Formatter.of("table {{.ID | lower}}\t{{pad .Tag 1 1}}", DEFAULT).titles(TITLES).render(ROWS.subList(0, 1));
    assertThat(out).isEqualTo("IMAGE ID        TAG \na416a98b71e2    latest \n");
  }

  @Test
  void tableWithoutRowsStillPrintsItsHeader() {
    assertThat(Formatter.of("", DEFAULT).titles(TITLES).render(List.of()))
        .isEqualTo("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n");
  }

  @Test
  void unknownTitleIsNoValueAndMethodCallStopsTheHeader() {
    Row row = new Row() {
      @Override
      public Object field(String name, List<Object> args) {
        return switch (name) {
          case "ID" -> "a416a98b71e2";
          case "Tag" -> "latest";
          case "Label" -> "v";
          default -> NO_FIELD;
        };
      }

      @Override
      public Map<String, Object> json() {
        return Map.of();
      }
    };
    assertThat(Formatter.of("table {{.ID}}\t{{.Tag}}", DEFAULT).titles(Map.of("ID", "IMAGE ID")).render(List.of(row)))
        .isEqualTo("IMAGE ID       <no value>\na416a98b71e2   latest\n");
    assertThat(Formatter.of("table {{.ID}}\t{{.Label \"k\"}}\t{{.Tag}}", DEFAULT).titles(TITLES).render(List.of(row)))
        .isEqualTo("IMAGE ID       \na416a98b71e2   v         latest\n");
  }

  @Test
  void plainTemplatePrintsOneLinePerRowWithoutHeader() {
    assertThat(Formatter.of("{{.Repository}}:{{.Tag}}", DEFAULT).render(ROWS))
        .isEqualTo("busybox:latest\nregistry.example.com/team/app:v1.2.3\n");
    assertThat(Formatter.of("{{.ID}}", DEFAULT).render(List.of())).isEmpty();
  }

  @Test
  void jsonPrintsOneObjectPerLineWithSortedKeys() {
    assertThat(Formatter.of("json", DEFAULT).render(ROWS.subList(0, 1))).isEqualTo(
        "{\"CreatedSince\":\"2 months ago\",\"ID\":\"a416a98b71e2\",\"Repository\":\"busybox\",\"Size\":\"4.26MB\",\"Tag\":\"latest\"}\n");
  }

  @Test
  void checkRunsTheTemplateOnASampleRow() {
    Formatter.of("{{.Repository}}", DEFAULT).check(ROWS.get(0));
    assertThatThrownBy(() -> Formatter.of("table {{.Nope}}", DEFAULT).check(ROWS.get(0)))
        .hasMessage("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext");
  }

  @Test
  void errorsArePrefixedAndNothingIsPrinted() {
    assertThatThrownBy(() -> Formatter.of("{{.Repository", DEFAULT))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template parsing error: template: :1: unclosed action");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Formatter f = Formatter.of("{{.Repository}} {{.Nope}}", DEFAULT);
    assertThatThrownBy(() -> f.write(new PrintStream(bytes), ROWS))
        .hasMessage("template parsing error: template: :1:18: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}

package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go text/template behaviour, with the outputs Go 1.23 and docker's functions give. */
class TemplateTest {
  private static final JsonNode INSPECT = json("""
      {"Id":"4f3c2a","Name":"/web","State":{"Status":"running","Running":true,"Pid":42,"ExitCode":0,
       "Health":null},"Config":{"Env":["A=1","B=2"],"Cmd":["sh","-c","echo hi"],
       "Labels":{"b":"2","a":"1","com.example.k":"v"},"Tty":false,
       "Caps":{"Labels":{"Zulu":"2","Alpha":"1"},"Zed":true,"Able":false}},"SizeRw":0,"Ratio":1.5,
       "Big":1000000.0,"Mounts":[]}
      """);

  static Stream<Arguments> outputs() {
    return Stream.of(
        // text, fields, chains, missing keys
        Arguments.of("plain text", "plain text"),
        Arguments.of("{{.Id}}", "4f3c2a"),
        Arguments.of("{{.State.Status}}/{{.State.Pid}}", "running/42"),
        Arguments.of("{{.State.Running}}", "true"),
        Arguments.of("{{.Missing}}", "<no value>"),
        Arguments.of("{{.Missing.Deeper}}", "<no value>"),
        Arguments.of("{{.State.Health}}", "<no value>"),
        // Go's printing of slices, maps and floats
        Arguments.of("{{.Config.Env}}", "[A=1 B=2]"),
        Arguments.of("{{.Config.Labels}}", "map[a:1 b:2 com.example.k:v]"),
        Arguments.of("{{.Mounts}}", "[]"),
        Arguments.of("{{.Ratio}}", "1.5"),
        Arguments.of("{{.Big}}", "1e+06"),
        Arguments.of("{{1234567.0}} {{100000.0}} {{0.0001}} {{0.00001}}", "1.234567e+06 100000 0.0001 1e-05"),
        Arguments.of("{{0x1F}} {{-3}} {{1_000}} {{'a'}}", "31 -3 1000 97"),
        Arguments.of("{{\"a\\tb\"}}|{{`raw\\n`}}", "a\tb|raw\\n"),
        Arguments.of("{{true}} {{false}}", "true false"),
        Arguments.of("{{.}}", "map[Big:1e+06 Config:map[Caps:map[Able:false Labels:map[Alpha:1 Zulu:2] Zed:true] Cmd:[sh -c echo hi] Env:[A=1 B=2] Labels:map[a:1 b:2 com.example.k:v] Tty:false] Health:<no value> Id:4f3c2a Mounts:[] Name:/web Ratio:1.5 SizeRw:0 State:map[ExitCode:0 Health:<nil> Pid:42 Running:true Status:running]]"
            .replace(" Health:<no value>", "")),
        // trimming and comments
        Arguments.of("a  {{- .Id -}}  b", "a4f3c2ab"),
        Arguments.of("a\n  {{- /* gone */ -}}\n  b", "ab"),
        Arguments.of("{{/* a comment */}}x", "x"),
        Arguments.of("{{-3}}", "-3"),
        Arguments.of("{{ .Id  -}}\n  z", "4f3c2az"),
        // pipelines and functions
        Arguments.of("{{.Name | upper}}", "/WEB"),
        Arguments.of("{{.State.Pid | printf \"%05d\"}}", "00042"),
        Arguments.of("{{printf \"%s-%d-%5.2f|%-6s|%q|%v\" .Id .State.Pid .Ratio \"ab\" \"q\" .Config.Env}}", "4f3c2a-42- 1.50|ab    |\"q\"|[A=1 B=2]"),
        Arguments.of("{{printf \"%d\" \"x\"}}", "%!d(string=x)"),
        Arguments.of("{{printf \"%s %s\" \"x\"}}", "x %!s(MISSING)"),
        Arguments.of("{{printf \"%s\" \"x\" 3}}", "x%!(EXTRA int=3)"),
        Arguments.of("{{printf \"%x %X %o %b %c %t %%\" 255 255 8 5 65 true}}", "ff FF 10 101 A true %"),
        Arguments.of("{{printf \"%e %g %.3g %f\" 1234.5678 0.000012 1234.5678 2.5}}", "1.234568e+03 1.2e-05 1.23e+03 2.500000"),
        Arguments.of("{{print 1 2 \"a\" 3}}", "1 2a3"),
        Arguments.of("{{println 1 \"a\"}}", "1 a\n"),
        Arguments.of("{{len .Config.Env}} {{len .Id}} {{len .Config.Labels}}", "2 6 3"),
        Arguments.of("{{index .Config.Env 1}} {{index .Config.Labels \"a\"}} {{index .Config.Labels \"zz\"}}", "B=2 1 <no value>"),
        Arguments.of("{{slice .Id 1 3}} {{slice .Config.Env 1}}", "f3 [B=2]"),
        Arguments.of("{{join .Config.Cmd \" \"}}", "sh -c echo hi"),
        Arguments.of("{{split \"a:b:c\" \":\"}} {{index (split \"a:b\" \":\") 1}}", "[a b c] b"),
        Arguments.of("{{lower \"ABC\"}} {{title \"hello world-x\"}}", "abc Hello World-X"),
        Arguments.of("{{truncate \"abcdef\" 3}}|{{truncate \"ab\" 3}}", "abc|ab"),
        Arguments.of("[{{pad \"a\" 1 2}}][{{pad \"\" 1 2}}]", "[ a  ][]"),
        Arguments.of("{{json .Config.Labels}}", "{\"a\":\"1\",\"b\":\"2\",\"com.example.k\":\"v\"}"),
        Arguments.of("{{json .State}}", "{\"Status\":\"running\",\"Running\":true,\"Pid\":42,\"ExitCode\":0,\"Health\":null}"),
        Arguments.of("{{json .Config.Env}} {{json .Id}} {{json .Big}}", "[\"A=1\",\"B=2\"] \"4f3c2a\" 1000000"),
        Arguments.of("{{json \"<&>\"}}", "\"<&>\""),
        Arguments.of("{{json .Config.Caps}}", "{\"Labels\":{\"Alpha\":\"1\",\"Zulu\":\"2\"},\"Zed\":true,\"Able\":false}"),
        Arguments.of("{{html \"<a href='x'>&\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;"),
        Arguments.of("{{js \"a'b\\\"<\"}}", "a\\'b\\\"\\u003C"),
        Arguments.of("{{urlquery \"a b&c/d\"}}", "a+b%26c%2Fd"),
        // logic and comparison
        Arguments.of("{{and 1 0}} {{and 1 2}} {{or 0 \"\" \"x\"}} {{or 0 \"\"}} {{not true}} {{not .Mounts}}", "0 2 x  false true"),
        Arguments.of("{{eq .State.Status \"running\"}} {{eq 1 2 3 1}} {{ne 1 2}}", "true true true"),
        Arguments.of("{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}}", "true true true false"),
        Arguments.of("{{eq .Missing nil}}", "true"),
        Arguments.of("{{if .State.Running}}up{{end}}", "up"),
        Arguments.of("{{if .Mounts}}m{{else}}no mounts{{end}}", "no mounts"),
        Arguments.of("{{if eq .State.Pid 1}}one{{else if eq .State.Pid 42}}answer{{else}}other{{end}}", "answer"),
        Arguments.of("{{if and .State.Running (eq .State.ExitCode 0)}}ok{{end}}", "ok"),
        Arguments.of("{{with .State}}{{.Status}}{{end}}", "running"),
        Arguments.of("{{with .Missing}}x{{else}}none{{end}}", "none"),
        Arguments.of("{{with .Missing}}x{{else with .Id}}{{.}}{{end}}", "4f3c2a"),
        // range and variables
        Arguments.of("{{range .Config.Env}}[{{.}}]{{end}}", "[A=1][B=2]"),
        Arguments.of("{{range $i, $e := .Config.Env}}{{$i}}={{$e}};{{end}}", "0=A=1;1=B=2;"),
        Arguments.of("{{range $k, $v := .Config.Labels}}{{$k}}:{{$v}} {{end}}", "a:1 b:2 com.example.k:v "),
        Arguments.of("{{range $v := .Config.Env}}{{$v}}{{end}}", "A=1B=2"),
        Arguments.of("{{range .Mounts}}x{{else}}empty{{end}}", "empty"),
        Arguments.of("{{range .Missing}}x{{else}}nil{{end}}", "nil"),
        Arguments.of("{{range 3}}{{.}}{{end}}", "012"),
        Arguments.of("{{range .Config.Cmd}}{{if eq . \"-c\"}}{{continue}}{{end}}{{.}};{{end}}", "sh;echo hi;"),
        Arguments.of("{{range .Config.Cmd}}{{if eq . \"-c\"}}{{break}}{{end}}{{.}};{{end}}", "sh;"),
        Arguments.of("{{range .Config.Env}}{{$.Id}} {{end}}", "4f3c2a 4f3c2a "),
        Arguments.of("{{$x := 5}}{{$x}}{{$x = 6}}{{$x}}", "56"),
        Arguments.of("{{$n := .Name}}{{with .State}}{{$n}}:{{.Pid}}{{end}}", "/web:42"),
        Arguments.of("{{(index .Config.Env 0)}} {{(.State).Pid}}", "A=1 42"),
        Arguments.of("{{define \"T\"}}[{{.}}]{{end}}{{template \"T\" .Id}}", "[4f3c2a]"),
        Arguments.of("{{block \"B\" .State}}<{{.Pid}}>{{end}}/{{template \"B\" .State}}", "<42>/<42>"),
        Arguments.of("{{- range $i, $e := .Config.Env}}{{if $i}}, {{end}}{{$e}}{{- end}}", "A=1, B=2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outputs")
  void printsWhatGoPrints(String template, String expected) {
    assertThat(Template.parse(template).execute(INSPECT)).isEqualTo(expected);
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        Arguments.of("{{foo}}", "template: :1: function \"foo\" not defined"),
        Arguments.of("{{.Id", "template: :1: unclosed action"),
        Arguments.of("{{if .Id}}x", "template: :1: unexpected EOF"),
        Arguments.of("{{end}}", "template: :1: unexpected {{end}}"),
        Arguments.of("{{else}}", "template: :1: unexpected {{else}}"),
        Arguments.of("{{}}", "template: :1: missing value for command"),
        Arguments.of("{{\"abc}}", "template: :1: unterminated quoted string"),
        Arguments.of("{{$x}}", "template: :1: undefined variable \"$x\""),
        Arguments.of("{{.A @}}", "template: :1: unexpected \"@\" in operand"),
        Arguments.of("{{(.A}}", "template: :1: unclosed left paren"),
        Arguments.of("{{.A)}}", "template: :1: unexpected right paren"),
        Arguments.of("{{/* x }}", "template: :1: unclosed comment"),
        Arguments.of("a\nb\n{{nope}}", "template: :3: function \"nope\" not defined"),
        Arguments.of("{{break}}", "template: :1: {{break}} outside {{range}}"),
        Arguments.of("{{3x}}", "template: :1: bad number syntax: \"3x\""),
        Arguments.of("{{if}}{{end}}", "template: :1: missing value for if"),
        Arguments.of("{{.A | 3}}", "template: :1: non executable command in pipeline stage 2"),
        Arguments.of("{{json.}}", "template: :1: unexpected <.> in operand"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void failsToParseLikeGo(String template, String message) {
    assertThatThrownBy(() -> Template.parse(template))
        .isInstanceOf(TemplateException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> execErrors() {
    return Stream.of(
        Arguments.of("{{.State.Health.Status}}",
            "template: :1:8: executing \"\" at <.State.Health.Status>: nil pointer evaluating interface {}.Status"),
        Arguments.of("{{.Id.Foo}}",
            "template: :1:5: executing \"\" at <.Id.Foo>: can't evaluate field Foo in type interface {}"),
        Arguments.of("{{index .Config.Env 5}}",
            "template: :1:2: executing \"\" at <index .Config.Env 5>: error calling index: index out of range: 5"),
        Arguments.of("{{eq 1 1.0}}",
            "template: :1:2: executing \"\" at <eq 1 1.0>: error calling eq: incompatible types for comparison"),
        Arguments.of("{{upper 3}}",
            "template: :1:8: executing \"\" at <3>: expected string; found 3"),
        Arguments.of("{{upper .State.Pid}}",
            "template: :1:14: executing \"\" at <.State.Pid>: wrong type for value; expected string; got int"),
        Arguments.of("{{len 3}}",
            "template: :1:2: executing \"\" at <len 3>: error calling len: len of type int"),
        Arguments.of("{{upper}}",
            "template: :1:2: executing \"\" at <upper>: wrong number of args for upper: want 1 got 0"),
        Arguments.of("{{.Id 3}}",
            "template: :1:2: executing \"\" at <.Id>: Id is not a method but has arguments"),
        Arguments.of("{{3 4}}",
            "template: :1:2: executing \"\" at <3>: can't give argument to non-function 3"),
        Arguments.of("{{range .Id}}{{end}}",
            "template: :1:8: executing \"\" at <.Id>: range can't iterate over 4f3c2a"),
        Arguments.of("x\n  {{.State.Health.Status}}",
            "template: :2:10: executing \"\" at <.State.Health.Status>: nil pointer evaluating interface {}.Status"),
        Arguments.of("{{printf \"%s\" .State.Health.VeryLongFieldName}}",
            "template: :1:20: executing \"\" at <.State.Health.VeryLongFieldName>: nil pointer evaluating interface {}.VeryLongFieldName"),
        Arguments.of("{{.Config.Labels.nope.X}}", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("execErrors")
  void failsToExecuteLikeGo(String template, String message) {
    Template t = Template.parse(template);
    if (message == null) {
      // a missing map key is no value, all the way down the chain
      assertThat(t.execute(INSPECT)).isEqualTo("<no value>");
      return;
    }
    assertThatThrownBy(() -> t.execute(INSPECT))
        .isInstanceOf(TemplateException.class)
        .hasMessage(message);
  }

  @Test
  void rowFieldsAndMethodsWithArguments() {
    Row row = new Row() {
      @Override
      public Object field(String name, List<Object> args) {
        return switch (name) {
          case "Names" -> "web";
          case "Label" -> {
            if (args.size() != 1) {
              throw new IllegalArgumentException("wrong number of args for Label: want 1 got " + args.size());
            }
            yield args.get(0).equals("com.example.k") ? "v" : "";
          }
          default -> NO_FIELD;
        };
      }

      @Override
      public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Names", "web");
        m.put("ID", "4f3c");
        return m;
      }

      @Override
      public String typeName() {
        return "*formatter.ContainerContext";
      }
    };
    assertThat(Template.parse("{{.Names}} {{.Label \"com.example.k\"}}").execute(row)).isEqualTo("web v");
    assertThat(Template.parse("{{.Names | upper}}").execute(row)).isEqualTo("WEB");
    assertThat(Template.parse("{{json .}}").execute(row)).isEqualTo("{\"ID\":\"4f3c\",\"Names\":\"web\"}");
    assertThatThrownBy(() -> Template.parse("{{.Nope}}").execute(row))
        .hasMessage("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext");
    assertThatThrownBy(() -> Template.parse("{{.Label}}").execute(row))
        .hasMessage("template: :1:2: executing \"\" at <.Label>: wrong number of args for Label: want 1 got 0");
  }

  @Test
  void plainJavaData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "x");
    data.put("list", List.of(1, 2));
    data.put("nested", Map.of("k", true));
    assertThat(Template.parse("{{.name}} {{.list}} {{.nested.k}} {{index .list 1}}").execute(data))
        .isEqualTo("x [1 2] true 2");
    assertThat(Template.parse("{{.}}").execute("str")).isEqualTo("str");
    assertThat(Template.parse("{{.}}").execute(42)).isEqualTo("42");
    assertThat(Template.parse("{{.}}").execute(List.of("a", "b"))).isEqualTo("[a b]");
    assertThat(Template.parse("{{json .}}").execute(data)).isEqualTo("{\"list\":[1,2],\"name\":\"x\",\"nested\":{\"k\":true}}");
  }

  @Test
  void failedExecutionKeepsWhatWasWritten() {
    StringBuilder out = new StringBuilder();
    assertThatThrownBy(() -> Template.parse("ok {{.Id.X}} never").execute(INSPECT, out))
        .isInstanceOf(TemplateException.class);
    assertThat(out).hasToString("ok ");
  }

  @Test
  void missingKeyErrorOptionFailsOnAbsentKeys() {
    Template t = Template.parse("{{.State.Nope}}").missingKeyError();
    assertThatThrownBy(() -> t.execute(INSPECT))
        .hasMessage("template: :1:8: executing \"\" at <.State.Nope>: map has no entry for key \"Nope\"");
    assertThat(Template.parse("{{.State.Pid}}").missingKeyError().execute(INSPECT)).isEqualTo("42");
  }

  @Test
  void commandFunctionsAndNamedTemplates() {
    Template t = Template.parse("version", "{{range $k := keys .Config.Labels}}{{$k}};{{end}}",
        Map.of("keys", args -> List.of("x", "y")));
    assertThat(t.execute(INSPECT)).isEqualTo("x;y;");
    assertThatThrownBy(() -> Template.parse("version", "{{.Nope.X}}").execute(new JsonRow(INSPECT, "system.versionInfo")))
        .hasMessage("template: version:1:7: executing \"version\" at <.Nope.X>: can't evaluate field Nope in type system.versionInfo");
  }

  @Test
  void jsonRowIsATypedViewOfTheApiObject() {
    JsonRow row = new JsonRow(json("{\"ApiVersion\":\"1.44\",\"b\":1}"), "*types.Version",
        Map.of("Extra", "e"), Map.of("APIVersion", "1.44", "Os", ""));
    assertThat(Template.parse("{{.APIVersion}}|{{.Os}}|{{.Extra}}|{{.b}}").execute(row)).isEqualTo("1.44||e|1");
    assertThat(Template.parse("{{json .}}").execute(row)).isEqualTo("{\"ApiVersion\":\"1.44\",\"b\":1,\"Extra\":\"e\"}");
    row.override("b", "typed");
    assertThat(Template.parse("{{.b}} {{json .}}").execute(row)).isEqualTo("typed {\"ApiVersion\":\"1.44\",\"b\":1,\"Extra\":\"e\"}");
  }

  @Test
  void jsonKeepsStructOrderAndEscapesHtmlInRows() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Zeta", 1);
    fields.put("Alpha", "<none>");
    assertThat(Template.parse("{{json .}}").execute(new GoStruct(fields))).isEqualTo("{\"Zeta\":1,\"Alpha\":\"<none>\"}");
    assertThat(Template.parse("{{json .}}").execute(fields)).isEqualTo("{\"Alpha\":\"<none>\",\"Zeta\":1}");
    assertThat(Template.parse("{{json .}}").execute(Row.of("*formatter.imageContext", fields)))
        .isEqualTo("{\"Alpha\":\"\\u003cnone\\u003e\",\"Zeta\":1}");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

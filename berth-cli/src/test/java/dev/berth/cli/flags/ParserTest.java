package dev.berth.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's flag syntax: what the parser accepts, what it sets, and the errors it gives. */
class ParserTest {
  /** A run-like command: switches, an optional boolean, a list, a value, argv after the image. */
  private static final class Sample implements Declared {
    boolean detach;
    boolean tty;
    boolean interactive;
    boolean rm;
    final List<String> env = new ArrayList<>();
    final List<String> nets = new ArrayList<>();
    String name;
    Integer cpus;
    final List<String> args = new ArrayList<>();

    @Override
    public void declare(Command c) {
      c.name("run").synopsis("[OPTIONS] IMAGE").description("Run").stopAtPositional();
      c.add(Flag.bool("-d", "--detach").toBool(v -> detach = v));
      c.add(Flag.optionalBool("-t", "--tty").label("bool").toBool(v -> tty = v));
      c.add(Flag.optionalBool("-i").label("bool").toBool(v -> interactive = v));
      c.add(Flag.bool("--rm").toBool(v -> rm = v));
      c.add(Flag.value("-e", "--env").label("list").each(env::add));
      c.add(Flag.value("--net").label("strings").split().each(nets::add));
      c.add(Flag.value("--name").label("string").to(v -> name = v));
      c.add(Flag.value("-c").label("int").toInt(v -> cpus = v));
      c.positionals(args::add);
    }

    @Override
    public Integer call() {
      return 0;
    }
  }

  private static Sample parse(String... args) {
    Sample s = new Sample();
    Parser.parse(Command.of("run", s), args);
    return s;
  }

  @Test
  void clustersAttachedValuesAndLists() {
    Sample s = parse("-dit", "-eA=1", "-e=B", "--env", "C", "--env=D", "--net", "a,b",
        "--name=x", "-c3", "--rm=false", "busybox", "sh", "-c", "--rm");
    assertThat(s.detach).isTrue();
    assertThat(s.interactive).isTrue();
    assertThat(s.tty).isTrue();
    assertThat(s.rm).isFalse();
    assertThat(s.env).containsExactly("A=1", "B", "C", "D");
    assertThat(s.nets).containsExactly("a", "b");
    assertThat(s.name).isEqualTo("x");
    assertThat(s.cpus).isEqualTo(3);
    // flags stop at the image: the rest is the container's argv
    assertThat(s.args).containsExactly("busybox", "sh", "-c", "--rm");
  }

  @Test
  void optionalBooleansTakeTrueOrFalseOnly() {
    Sample s = parse("-t", "false", "-i=false", "busybox");
    assertThat(s.tty).isFalse();
    assertThat(s.interactive).isFalse();
    assertThat(parse("-t", "busybox").args).containsExactly("busybox");
    assertThat(parse("--", "-d").args).containsExactly("-d");
  }

  @Test
  void errorsReadAsDockers() {
    assertThatThrownBy(() -> parse("--nope")).hasMessage("unknown flag: --nope");
    assertThatThrownBy(() -> parse("-dZ")).hasMessage("unknown shorthand flag: 'Z' in -Z");
    assertThatThrownBy(() -> parse("-e")).hasMessage("flag needs an argument: 'e' in -e");
    assertThatThrownBy(() -> parse("--name")).hasMessage("flag needs an argument: --name");
    assertThatThrownBy(() -> parse("--name", "-d")).hasMessage("flag needs an argument: --name");
    assertThatThrownBy(() -> parse("-c", "abc"))
        .hasMessage("invalid argument \"abc\" for \"-c\" flag: 'abc' is not an int");
    assertThatThrownBy(() -> parse("--rm=maybe"))
        .hasMessage("invalid argument \"maybe\" for \"--rm\" flag: 'maybe' is not a boolean");
    assertThatThrownBy(() -> parse("--name", "a", "--name", "b"))
        .hasMessage("option '--name' (string) should be specified only once");
  }

  @Test
  void helpIsAnsweredForTheCommandItFollows() {
    Command root = Command.of("berth", new Sample());
    Invocation i = Parser.parse(root, new String[] {"--help"});
    assertThat(i.help()).isTrue();
    assertThat(root.usage()).startsWith("Usage:  berth [OPTIONS] IMAGE\n\nRun\n\nOptions:\n");
  }
}

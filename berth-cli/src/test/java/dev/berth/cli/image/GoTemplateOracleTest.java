package dev.berth.cli.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import dev.berth.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go itself as the oracle: each template of go-template-cases.txt goes through
 * {@code docker image inspect -f} (Go 1.24's text/template with docker's functions) and through
 * {@code berth image inspect -f} on the same image; output, errors and exit codes must agree.
 * berth runs in this JVM here (Main.run with captured streams) to keep the test fast.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one daemon: the in-process CLI keeps its first client
class GoTemplateOracleTest {
  private Berthd d;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    d = Berthd.start(tmp);
  }

  @AfterAll
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void everyInspectTemplateAgreesWithGo() throws Exception {
    List<String> cases = cases("go-template-cases.txt");
    assertThat(cases).hasSizeGreaterThan(80);
    assertThat(disagreements(cases, "image", "inspect", "-f")).isEmpty();
  }

  /** Row templates, tables and their headers: docker's image context against berth's rows. */
  @Test
  void everyListFormatAgreesWithDocker() throws Exception {
    List<String> cases = cases("go-format-cases.txt");
    assertThat(disagreements(cases, "images", "--format")).isEmpty();
  }

  private List<String> cases(String resource) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Runs {@code command... <template> busybox} both ways; describes each case that differs. */
  private List<String> disagreements(List<String> templates, String... command) throws Exception {
    List<String> disagreements = new ArrayList<>();
    for (String template : templates) {
      List<String> args = new ArrayList<>(List.of(command));
      args.add(template);
      args.add("busybox");
      Result docker = d.docker(args.toArray(String[]::new));
      args.addAll(0, List.of("-H", d.host()));
      Result berth = inProcess(args.toArray(String[]::new));
      String expectedErr = docker.err().replaceAll("(?<![\\w.])docker(?!\\w)", "berth");
      if (!berth.out().equals(docker.out()) || !berth.err().equals(expectedErr)
          || berth.code() != docker.code()) {
        disagreements.add(template + "\n  go:    " + docker.code() + " " + docker.out() + docker.err()
            + "\n  berth: " + berth.code() + " " + berth.out() + berth.err());
      }
    }
    return disagreements;
  }

  private static synchronized Result inProcess(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, UTF_8));
      System.setErr(new PrintStream(e, true, UTF_8));
      int code = Main.run(args);
      System.out.flush();
      return new Result(code, o.toString(UTF_8), e.toString(UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go itself as the oracle: each template of go-template-cases.txt goes through
 * {@code docker image inspect -f} (Go 1.24's text/template with docker's functions) and through
 * {@code berth image inspect -f} on the same image; output, errors and exit codes must agree.
 * berth runs in this JVM here (Main.run with captured streams) to keep the test fast.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GoTemplateOracleTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void everyCaseAgreesWithGo() throws Exception {
    List<String> cases;
    try (InputStream in = getClass().getResourceAsStream("go-template-cases.txt")) {
      cases = new String(in.readAllBytes(), UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
    assertThat(cases).hasSizeGreaterThan(80);
    List<String> disagreements = new ArrayList<>();
    for (String template : cases) {
      Result docker = d.docker("image", "inspect", "-f", template, "busybox");
      Result berth = inProcess("-H", d.host(), "image", "inspect", "-f", template, "busybox");
      String expectedErr = docker.err().replaceAll("(?<![\\w.])docker(?!\\w)", "berth");
      if (!berth.out().equals(docker.out()) || !berth.err().equals(expectedErr)
          || berth.code() != docker.code()) {
        disagreements.add(template + "\n  go:    " + docker.code() + " " + docker.out() + docker.err()
            + "\n  berth: " + berth.code() + " " + berth.out() + berth.err());
      }
    }
    assertThat(disagreements).isEmpty();
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

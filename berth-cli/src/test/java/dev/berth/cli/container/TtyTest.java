package dev.berth.cli.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -it} through a real pty ({@code script} from util-linux): the shell's output, exit
 * codes, Ctrl-P Ctrl-Q detaching while the container runs on, and exec -it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TtyTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(SCRIPT), "needs script(1)");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  /** A CLI in a pty: type into it, read what the terminal shows. */
  private static final class Pty implements AutoCloseable {
    final Process p;
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    final Thread reader;

    Pty(String command) throws Exception {
      p = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null")
          .redirectErrorStream(true).start();
      InputStream in = p.getInputStream();
      reader = Thread.ofVirtual().start(() -> {
        byte[] buf = new byte[4096];
        try {
          for (int n; (n = in.read(buf)) >= 0; ) {
            synchronized (seen) {
              seen.write(buf, 0, n);
              seen.notifyAll();
            }
          }
        } catch (java.io.IOException e) {
          // the pty closed
        }
      });
    }

    /** Waits until the terminal has shown {@code text} (the test's timeout bounds it). */
    void await(String text) throws InterruptedException {
      synchronized (seen) {
        while (!seen.toString(UTF_8).contains(text)) {
          if (!p.isAlive() && !reader.isAlive()) {
            throw new AssertionError("exited before showing " + text + ": " + seen);
          }
          seen.wait(200);
        }
      }
    }

    void type(String s) throws Exception {
      OutputStream o = p.getOutputStream();
      o.write(s.getBytes(UTF_8));
      o.flush();
    }

    int exit() throws Exception {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      reader.join();
      return p.exitValue();
    }

    @Override
    public void close() {
      p.destroyForcibly();
    }
  }

  @Test
  void interactiveShellShowsOutputAndExitsWithItsCode() throws Exception {
    try (Pty t = new Pty(d.shellCommand("run", "-it", "--rm", "--network", "none", "busybox",
        "sh"))) {
      t.await("# ");
      t.type("echo $((6*7))\r");
      t.await("42");
      t.type("exit 3\r");
      assertThat(t.exit()).isEqualTo(3);
    }
    assertThat(d.engine.list(true)).isEmpty();
  }

  @Test
  void ctrlPCtrlQDetachesAndTheContainerRunsOn() throws Exception {
    try (Pty t = new Pty(d.shellCommand("run", "-it", "--name", "keep", "--network", "none",
        "busybox", "sh"))) {
      t.await("# ");
      t.type("\u0010\u0011");
      assertThat(t.exit()).isZero();
    }
    assertThat(d.berth("inspect", "-f", "{{.State.Running}}", "keep").out())
        .isEqualTo("true\n");
    // attach again, detach with custom keys: docker attach reports it and exits 1
    try (Pty t = new Pty(d.shellCommand("attach", "--detach-keys", "ctrl-x", "keep"))) {
      t.type("echo again\r");
      t.await("again");
      t.type("\u0018");
      assertThat(t.exit()).isEqualTo(1);
      t.await("read escape sequence");
    }
    assertThat(d.berth("inspect", "-f", "{{.State.Running}}", "keep").out())
        .isEqualTo("true\n");
  }

  @Test
  void execWithATtyAndTheTerminalSize() throws Exception {
    assertThat(d.berth("run", "-d", "--name", "box", "--network", "none", "busybox", "sleep",
        "300").code()).isZero();
    try (Pty t = new Pty("stty rows 33 cols 77; " + d.shellCommand("exec", "-it", "box",
        "sh"))) {
      t.await("# ");
      t.type("stty size; exit 5\r");
      t.await("33 77");
      assertThat(t.exit()).as(t.seen.toString(UTF_8)).isEqualTo(5);
    }
  }

  @Test
  void execDetachIsReportedLikeDocker() throws Exception {
    assertThat(d.berth("run", "-d", "--name", "box", "--network", "none", "busybox", "sleep",
        "300").code()).isZero();
    try (Pty t = new Pty(d.shellCommand("exec", "-it", "box", "sh"))) {
      t.await("# ");
      t.type("\u0010\u0011");
      assertThat(t.exit()).isEqualTo(1);
      t.await("read escape sequence");
    }
  }

  @Test
  void withoutATerminalDashItIsRefused() throws Exception {
    var r = d.berth("run", "-it", "--rm", "busybox", "true");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("the input device is not a TTY\n");
    assertThat(List.of(r.out())).containsExactly("");
  }
}

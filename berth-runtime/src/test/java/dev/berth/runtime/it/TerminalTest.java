package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.CreateOptions;
import dev.berth.sys.ConsoleSocket;
import dev.berth.sys.FdPassing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** process.terminal with the --console-socket protocol: the pty master arrives by SCM_RIGHTS. */
class TerminalTest extends ContainerTest {

  @Test
  void thePtyMasterIsSentToTheConsoleSocket() throws Exception {
    TestBundle b = bundle().script("tty; stty size; echo hi-from-pty")
        .edit(c -> {
          c.with("process").put("terminal", true);
          c.with("process").putObject("consoleSize").put("height", 30).put("width", 100);
        });
    Path sock = work.resolve("console.sock");
    String id = newId();
    try (ConsoleSocket console = ConsoleSocket.listen(sock)) {
      runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")).withConsoleSocket(sock));
      int master = console.receiveMaster();
      try {
        runtime.start(id);
        StringBuilder out = new StringBuilder();
        while (!out.toString().contains("hi-from-pty")) {
          byte[] chunk = FdPassing.read(master, 4096);
          if (chunk.length == 0) break;
          out.append(new String(chunk, StandardCharsets.UTF_8));
        }
        assertThat(out.toString()).contains("/dev/pts/0").contains("30 100").contains("hi-from-pty");
        assertThat(runtime.waitFor(id)).isZero();
      } finally {
        FdPassing.close(master);
        runtime.delete(id, true);
      }
    }
  }
}

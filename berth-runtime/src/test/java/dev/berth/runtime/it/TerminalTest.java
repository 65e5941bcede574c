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

  @Test
  void aTerminalOwnedByTheShimIsAttachedToAndResized() throws Exception {
    // no console socket: the shim keeps the master, logs it and serves it on attach.sock
    TestBundle b = bundle().script("read x; stty size; echo got-$x")
        .edit(c -> c.with("process").put("terminal", true));
    String id = newId();
    runtime.create(id, b.write(), CreateOptions.piped(b.dir.resolve("log")));
    try (var attach = dev.berth.runtime.shim.AttachStream.connect(root.resolve(id).resolve("attach.sock"))) {
      runtime.start(id);
      runtime.resize(id, 40, 120);
      attach.write("go\n".getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder();
      for (var f = attach.read(); f.isPresent(); f = attach.read()) {
        out.append(new String(f.get().data(), StandardCharsets.UTF_8));
      }
      assertThat(out.toString()).contains("40 120").contains("got-go");
      assertThat(runtime.waitFor(id)).isZero();
    } finally {
      runtime.delete(id, true);
    }
  }
}

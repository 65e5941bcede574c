package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.shim.AttachStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shim outlives the process that started it: a container created by one JVM (the OCI
 * command line, standing in for a daemon that is restarted) is started, attached to and reaped
 * by another.
 */
class SurvivalTest extends ContainerTest {

  @Test
  void aContainerCreatedByAnotherProcessIsStartedAttachedAndReapedHere() throws Exception {
    TestBundle b = bundle().script("read line; echo got:$line; echo to-stderr >&2; exit 5");
    String id = newId();
    Path log = b.dir.resolve("container.log");
    List<String> cmd = cliCommand("create", "--bundle", b.write().toString(),
        "--container-log", log.toString(), "--interactive", id);
    Process creator = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String creatorOutput = new String(creator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(creator.waitFor()).as(creatorOutput).isZero();

    // the creating process is gone; the container waits in its shim
    var state = runtime.state(id);
    assertThat(state.status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(ProcessHandle.of(creator.pid())).isEmpty();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (AttachStream attach = AttachStream.connect(root.resolve(id).resolve("attach.sock"))) {
      runtime.start(id);
      attach.write("hello\n".getBytes(StandardCharsets.UTF_8));
      attach.closeStdin();
      for (var f = attach.read(); f.isPresent(); f = attach.read()) {
        (f.get().stream() == AttachStream.STDOUT ? out : err).write(f.get().data());
      }
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got:hello\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to-stderr\n");
    assertThat(runtime.waitFor(id)).isEqualTo(5);
    assertThat(runtime.state(id).exitCode()).hasValue(5);
    assertThat(CriLog.stream(log, "stdout")).isEqualTo("got:hello\n");
    runtime.delete(id, false);
  }
}

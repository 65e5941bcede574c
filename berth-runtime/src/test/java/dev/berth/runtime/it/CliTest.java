package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The OCI command line as a user types it: output, exit codes and error messages. */
class CliTest extends ContainerTest {

  record Out(int code, String stdout, String stderr) {}

  private Out cli(String... args) throws Exception {
    List<String> cmd = cliCommand(args);
    // files, not pipes: a created container holds the command's stdio (as with runc), so a
    // pipe would not see its end before the container's
    java.nio.file.Path out = java.nio.file.Files.createTempFile(work, "out", ".txt");
    java.nio.file.Path err = java.nio.file.Files.createTempFile(work, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = p.waitFor();
    return new Out(code, java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
  }

  @Test
  void runPassesStdioThroughAndReturnsTheExitCode() throws Exception {
    TestBundle b = bundle().script("echo out; echo err >&2; exit 42");
    Out o = cli("run", "--bundle", b.write().toString(), newId());
    assertThat(o.code()).isEqualTo(42);
    assertThat(o.stdout()).isEqualTo("out\n");
    assertThat(o.stderr()).isEqualTo("err\n");
  }

  @Test
  void runWithATerminalProxiesThePty() throws Exception {
    TestBundle b = bundle().script("tty; echo hello-tty").edit(c -> c.with("process").put("terminal", true));
    Out o = cli("run", "--bundle", b.write().toString(), newId());
    assertThat(o.code()).as(o.stderr()).isZero();
    assertThat(o.stdout()).contains("/dev/pts/0").contains("hello-tty");
  }

  @Test
  void createStateExecPsEventsKillDelete() throws Exception {
    TestBundle b = bundle("sleep", "1000");
    String id = newId();
    assertThat(cli("create", "--bundle", b.write().toString(), id).code()).isZero();
    Out state = cli("state", id);
    assertThat(state.stdout()).contains("\"status\" : \"created\"").contains("\"id\" : \"" + id + "\"");
    Out started = cli("start", id);
    assertThat(started.code()).as(started.stderr()).isZero();
    Out exec = cli("exec", id, "sh", "-c", "echo in-exec; exit 3");
    assertThat(exec.code()).isEqualTo(3);
    assertThat(exec.stdout()).isEqualTo("in-exec\n");
    assertThat(cli("ps", "--format", "json", id).stdout().trim()).isEqualTo("[" + runtime.state(id).record().pid() + "]");
    var event = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(cli("events", "--stats", id).stdout());
    assertThat(event.get("type").asText()).isEqualTo("stats");
    assertThat(event.at("/data/memory/usage/usage").asLong()).isPositive();
    assertThat(event.at("/data/pids/current").asLong()).isEqualTo(1);
    assertThat(event.at("/data/cpu/usage/total").asLong()).isPositive();
    assertThat(cli("pause", id).code()).isZero();
    assertThat(cli("state", id).stdout()).contains("\"status\" : \"paused\"");
    assertThat(cli("resume", id).code()).isZero();
    assertThat(cli("kill", id, "KILL").code()).isZero();
    runtime.waitFor(id);
    assertThat(cli("state", id).stdout()).contains("\"status\" : \"stopped\"");
    assertThat(cli("delete", id).code()).isZero();
    assertThat(cli("list").stdout()).doesNotContain(id);
  }

  @Test
  void errorsNameTheBadValue() throws Exception {
    Out missing = cli("state", "no-such-container");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.stderr()).isEqualTo("berth-runtime: container \"no-such-container\" does not exist\n");
    Out badSignal = cli("kill", "whatever", "SIGNOPE");
    assertThat(badSignal.code()).isEqualTo(1);
    assertThat(badSignal.stderr()).contains("SIGNOPE");
    Out badFlag = cli("create", "--frobnicate", "x");
    assertThat(badFlag.code()).isEqualTo(2);
    assertThat(badFlag.stderr()).contains("--frobnicate");
  }

  @Test
  void specWritesTheDefaultConfig() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(work.resolve("spec"));
    assertThat(cli("spec", "--bundle", dir.toString()).code()).isZero();
    String json = java.nio.file.Files.readString(dir.resolve("config.json"));
    assertThat(json).contains("\"ociVersion\"").contains("\"/sys/fs/cgroup\"").contains("CAP_NET_BIND_SERVICE");
    Out again = cli("spec", "--bundle", dir.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.stderr()).contains("already exists");
  }
}

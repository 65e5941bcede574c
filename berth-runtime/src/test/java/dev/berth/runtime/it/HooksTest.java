package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The five hooks run in order, each with the state on stdin. */
class HooksTest extends ContainerTest {

  @Test
  void allHooksRunInOrderWithState() throws Exception {
    Path record = work.resolve("hooks.txt");
    TestBundle b = bundle().script("echo main >> /hooks.txt").edit(c -> c.with("root").put("readonly", false));
    Path inContainer = b.rootfs().resolve("hooks.txt");
    ObjectNode hooks = b.config.putObject("hooks");
    // runtime-namespace hooks append to a host file; startContainer runs inside the container
    addHook(hooks, "createRuntime", "/bin/sh", "cat > /dev/null; echo createRuntime >> " + record);
    addHook(hooks, "createContainer", "/bin/sh", "grep -q '\"status\":\"created\"' && echo createContainer >> " + record);
    addHook(hooks, "startContainer", "/bin/sh", "echo startContainer >> /hooks.txt");
    addHook(hooks, "poststart", "/bin/sh", "grep -o '\"status\":\"[a-z]*\"' >> " + record);
    addHook(hooks, "poststop", "/bin/sh", "echo poststop >> " + record);
    var r = run(b);
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(record)).isEqualTo("createRuntime\ncreateContainer\n\"status\":\"running\"\npoststop\n");
    assertThat(Files.readString(inContainer)).isEqualTo("startContainer\nmain\n");
  }

  @Test
  void aFailingCreateRuntimeHookFailsCreateAndLeavesNothing() throws Exception {
    TestBundle b = bundle("true");
    addHook(b.config.putObject("hooks"), "createRuntime", "/bin/sh", "exit 3");
    String id = newId();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> runtime.create(id, b.write(), dev.berth.runtime.CreateOptions.piped(b.dir.resolve("log"))))
        .hasMessageContaining("hooks.createRuntime[0]").hasMessageContaining("status 3");
    assertThat(runtime.list()).isEmpty();
  }

  private static void addHook(ObjectNode hooks, String stage, String path, String script) {
    ArrayNode list = hooks.has(stage) ? (ArrayNode) hooks.get(stage) : hooks.putArray(stage);
    ObjectNode h = list.addObject();
    h.put("path", path);
    h.putArray("args").add("sh").add("-c").add(script);
    h.put("timeout", 10);
  }
}

package dev.berth.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad config.json input is refused with the bad field named, before anything is created. */
class ConfigValidatorTest {
  @TempDir Path bundle;

  private BerthException loadWith(Consumer<ObjectNode> edit) throws Exception {
    Files.createDirectories(bundle.resolve("rootfs"));
    ObjectNode c = BundleLoader.JSON.valueToTree(DefaultSpec.create(false));
    edit.accept(c);
    Files.write(bundle.resolve("config.json"), BundleLoader.JSON.writeValueAsBytes(c));
    try {
      BundleLoader.load(bundle);
      return null;
    } catch (BerthException e) {
      return e;
    }
  }

  @Test
  void theDefaultSpecIsValid() throws Exception {
    assertThat(loadWith(c -> {})).isNull();
  }

  @Test
  void malformedJsonNamesTheFileAndPlace() throws Exception {
    Files.writeString(bundle.resolve("config.json"), "{\"ociVersion\": \"1.0\",\n \"root\": {");
    assertThatThrownBy(() -> BundleLoader.load(bundle)).isInstanceOf(BerthException.class)
        .hasMessageContaining("config.json").hasMessageContaining("malformed JSON").hasMessageContaining("line 2");
  }

  @Test
  void unknownNamespaceType() throws Exception {
    BerthException e = loadWith(c -> ((ArrayNode) c.with("linux").get("namespaces")).addObject().put("type", "time-travel"));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThat(e).hasMessageContaining("linux.namespaces[6].type").hasMessageContaining("time-travel");
  }

  @Test
  void unknownCapability() throws Exception {
    BerthException e = loadWith(c -> ((ArrayNode) c.with("process").with("capabilities").get("bounding")).add("CAP_FLY"));
    assertThat(e).hasMessageContaining("process.capabilities.bounding[3]").hasMessageContaining("CAP_FLY");
  }

  @Test
  void missingRootfs() throws Exception {
    BerthException e = loadWith(c -> c.with("root").put("path", "nope"));
    assertThat(e).hasMessageContaining("root.path").hasMessageContaining("does not exist");
  }

  @Test
  void relativeMountDestination() throws Exception {
    BerthException e = loadWith(c -> ((ArrayNode) c.get("mounts")).addObject()
        .put("destination", "data").put("type", "tmpfs").put("source", "tmpfs"));
    assertThat(e).hasMessageContaining("mounts[7].destination").hasMessageContaining("\"data\"");
  }

  @Test
  void bundleThatIsNotADirectory() throws Exception {
    Path file = Files.writeString(bundle.resolve("file"), "x");
    assertThatThrownBy(() -> BundleLoader.load(file)).hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
  }

  @Test
  void unknownRlimitAndSoftAboveHard() throws Exception {
    assertThat(loadWith(c -> ((ObjectNode) c.with("process").get("rlimits").get(0)).put("type", "RLIMIT_FUN")))
        .hasMessageContaining("process.rlimits[0].type").hasMessageContaining("RLIMIT_FUN");
    assertThat(loadWith(c -> ((ObjectNode) c.with("process").get("rlimits").get(0)).put("soft", 2048)))
        .hasMessageContaining("process.rlimits[0]").hasMessageContaining("above hard limit");
  }

  @Test
  void hostnameWithoutUtsNamespace() throws Exception {
    BerthException e = loadWith(c -> {
      ArrayNode ns = (ArrayNode) c.with("linux").get("namespaces");
      for (int i = ns.size() - 1; i >= 0; i--) if (ns.get(i).get("type").asText().equals("uts")) ns.remove(i);
    });
    assertThat(e).hasMessageContaining("hostname").hasMessageContaining("uts");
  }

  @Test
  void relativeCwdAndEmptyArgs() throws Exception {
    assertThat(loadWith(c -> c.with("process").put("cwd", "tmp"))).hasMessageContaining("process.cwd");
    assertThat(loadWith(c -> c.with("process").putArray("args"))).hasMessageContaining("process.args");
  }

  @Test
  void userNamespaceNeedsMappings() throws Exception {
    assertThat(loadWith(c -> ((ArrayNode) c.with("linux").get("namespaces")).addObject().put("type", "user")))
        .hasMessageContaining("uidMappings");
  }

  @Test
  void seccompWithUnknownActionIsRefused() throws Exception {
    BerthException e = loadWith(c -> c.with("linux").putObject("seccomp").put("defaultAction", "SCMP_ACT_FOO"));
    assertThat(e).hasMessageContaining("SCMP_ACT_FOO");
  }

  @Test
  void unknownFieldsAreIgnoredAsTheSpecAsks() throws Exception {
    assertThatCode(() -> assertThat(loadWith(c -> c.put("x-vendor", 1))).isNull()).doesNotThrowAnyException();
  }
}

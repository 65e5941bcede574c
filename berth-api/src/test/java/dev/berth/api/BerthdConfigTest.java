package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** berthd's flags and daemon.json keys reach the daemon's configuration, flags first. */
class BerthdConfigTest {
  @TempDir Path tmp;

  private DaemonConfig parse(String... args) throws Exception {
    Berthd b = new Berthd();
    new CommandLine(b).parseArgs(args);
    return b.config();
  }

  @Test
  void flagsReachTheEngineTheNetworkAndTheRegistryRules() throws Exception {
    DaemonConfig c = parse("--config-file", write("{}"), "--cgroup-parent", "ci",
        "--default-ulimit", "nofile=10:20", "--default-ulimit", "nproc=50",
        "--bip", "172.30.0.1/16", "--bridge", "cibr0",
        "--insecure-registry", "10.0.0.0/8", "--insecure-registry", "reg.example:5000",
        "--registry-mirror", "https://mirror.example", "--registry-addr", "127.0.0.1:5999");
    assertThat(c.engine().cgroupParent()).isEqualTo("ci");
    assertThat(c.engine().defaultUlimits()).containsExactly(
        new HostConfig.Ulimit("nofile", 10, 20), new HostConfig.Ulimit("nproc", 50, 50));
    assertThat(c.engine().network().defaultBridge()).isEqualTo("cibr0");
    assertThat(c.engine().network().defaultSubnet().toString()).isEqualTo("172.30.0.0/16");
    assertThat(c.registryHosts().plainHttp("10.1.2.3:5000")).isTrue();
    assertThat(c.registryHosts().plainHttp("reg.example:5000")).isTrue();
    assertThat(c.registryHosts().plainHttp("other.example")).isFalse();
    assertThat(c.registry().address().getPort()).isEqualTo(5999);
  }

  @Test
  void daemonJsonKeysAreReadWhenNoFlagSaysOtherwise() throws Exception {
    DaemonConfig c = parse("--config-file", write("""
        {"cgroup-parent": "fromfile", "insecure-registries": ["myreg:5000"],
         "default-ulimits": {"nofile": {"Name": "nofile", "Soft": 100, "Hard": 200}}}
        """));
    assertThat(c.engine().cgroupParent()).isEqualTo("fromfile");
    assertThat(c.engine().defaultUlimits()).containsExactly(
        new HostConfig.Ulimit("nofile", 100, 200));
    assertThat(c.registryHosts().plainHttp("myreg:5000")).isTrue();
    assertThat(c.registry()).isNull();
  }

  @Test
  void badValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> parse("--config-file", write("{}"), "--default-ulimit", "nofile"))
        .hasMessage("invalid ulimit argument: nofile");
    assertThatThrownBy(() -> parse("--config-file", write("{}"), "--default-ulimit",
        "nofile=9:3")).hasMessageContaining("9 > 3");
    assertThatThrownBy(() -> parse("--config-file", write("{}"), "--registry-mirror",
        "not a url")).hasMessage("invalid mirror: \"not a url\" is not a valid URI");
    assertThatThrownBy(() -> parse("--config-file", write("{}"), "--registry-addr", "nope"))
        .hasMessageContaining("HOST:PORT expected");
  }

  private String write(String json) throws Exception {
    Path f = Files.createTempFile(tmp, "daemon", ".json");
    Files.writeString(f, json);
    return f.toString();
  }
}

package dev.berth.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Parser;
import dev.berth.client.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** run/create flags into the create body, as the docker CLI builds it. */
class FlagParsingTest {
  private static ObjectNode body(String... args) {
    Run run = new Run();
    Parser.parse(Command.of("run", run), args);
    return ContainerSpec.body(run.flags, run.args.get(0), run.args.subList(1, run.args.size()),
        true, run.detach, Map.of("HOME_VAR", "/root"), new int[] {0, 0});
  }

  @Test
  void portsExposeAndBindings() {
    ObjectNode b = body("-p", "8080:80", "-p", "127.0.0.1::53/udp", "-p", "9000-9001:90-91",
        "--expose", "7000", "busybox");
    assertThat(b.path("ExposedPorts").toString()).isEqualTo(
        "{\"80/tcp\":{},\"53/udp\":{},\"90/tcp\":{},\"91/tcp\":{},\"7000/tcp\":{}}");
    assertThat(b.path("HostConfig").path("PortBindings").toString()).isEqualTo(
        "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}],"
            + "\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],"
            + "\"90/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"9000\"}],"
            + "\"91/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"9001\"}]}");
    assertThatThrownBy(() -> body("-p", "abc", "busybox")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid containerPort: abc");
  }

  @Test
  void resourcesEnvLabelsAndCommand() {
    ObjectNode b = body("-d", "-m", "64m", "--memory-swap", "-1", "--cpus", "1.5",
        "--pids-limit", "50", "-e", "A=B", "-e", "HOME_VAR", "-e", "UNSET", "-l", "k=v",
        "--restart", "on-failure:3", "--ulimit", "nofile=1024:2048", "--init", "-u", "1000",
        "-w", "/w", "--entrypoint", "/bin/sh", "--rm", "busybox", "-c", "echo -n hi");
    var h = b.path("HostConfig");
    assertThat(h.path("Memory").asLong()).isEqualTo(64L << 20);
    assertThat(h.path("MemorySwap").asLong()).isEqualTo(-1);
    assertThat(h.path("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
    assertThat(h.path("PidsLimit").asLong()).isEqualTo(50);
    assertThat(h.path("Init").asBoolean()).isTrue();
    assertThat(h.path("AutoRemove").asBoolean()).isTrue();
    assertThat(h.path("RestartPolicy").toString())
        .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
    assertThat(h.path("Ulimits").toString())
        .isEqualTo("[{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}]");
    assertThat(b.path("Env").toString()).isEqualTo("[\"A=B\",\"HOME_VAR=/root\",\"UNSET\"]");
    assertThat(b.path("Labels").toString()).isEqualTo("{\"k\":\"v\"}");
    assertThat(b.path("Cmd").toString()).isEqualTo("[\"-c\",\"echo -n hi\"]");
    assertThat(b.path("Entrypoint").toString()).isEqualTo("[\"/bin/sh\"]");
    assertThat(b.path("User").asText()).isEqualTo("1000");
    assertThat(b.path("AttachStdout").asBoolean()).isFalse();
    assertThat(h.path("NetworkMode").asText()).isEqualTo("default");
    assertThat(b.path("NetworkingConfig").path("EndpointsConfig").has("default")).isTrue();
  }

  @Test
  void interactiveRunAttachesStdinOnce() {
    ObjectNode b = body("-i", "busybox", "cat");
    assertThat(b.path("AttachStdin").asBoolean()).isTrue();
    assertThat(b.path("OpenStdin").asBoolean()).isTrue();
    assertThat(b.path("StdinOnce").asBoolean()).isTrue();
    assertThat(b.path("Cmd").toString()).isEqualTo("[\"cat\"]");
  }

  @Test
  void bindsVolumesMountsTmpfsAndHealth() {
    ObjectNode b = body("-v", "/host:/ctr:ro", "-v", "/anon", "-v", "named:/data",
        "--mount", "type=bind,source=/a,target=/b,readonly", "--tmpfs", "/run:size=1m",
        "--health-cmd", "true", "--health-interval", "1m30s", "--health-retries", "2",
        "busybox");
    var h = b.path("HostConfig");
    assertThat(h.path("Binds").toString()).isEqualTo("[\"/host:/ctr:ro\",\"named:/data\"]");
    assertThat(b.path("Volumes").toString()).isEqualTo("{\"/anon\":{}}");
    assertThat(h.path("Mounts").toString()).isEqualTo(
        "[{\"Source\":\"/a\",\"Target\":\"/b\",\"ReadOnly\":true,\"Type\":\"bind\"}]");
    assertThat(h.path("Tmpfs").toString()).isEqualTo("{\"/run\":\"size=1m\"}");
    assertThat(b.path("Healthcheck").path("Test").toString())
        .isEqualTo("[\"CMD-SHELL\",\"true\"]");
    assertThat(b.path("Healthcheck").path("Interval").asLong()).isEqualTo(90_000_000_000L);
    assertThat(b.path("Healthcheck").path("Retries").asInt()).isEqualTo(2);
    assertThat(body("--no-healthcheck", "busybox").path("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"NONE\"]}");
  }

  @Test
  void sizesDurationsAndTimes() {
    assertThat(Sizes.ramInBytes("512k")).isEqualTo(512L << 10);
    assertThat(Sizes.ramInBytes("1g")).isEqualTo(1L << 30);
    assertThat(Sizes.ramInBytes("64MB")).isEqualTo(64L << 20);
    assertThat(Sizes.ramInBytes("100")).isEqualTo(100);
    assertThatThrownBy(() -> Sizes.ramInBytes("abc")).hasMessage("invalid size: 'abc'");
    assertThat(GoDuration.nanos("1h2m3.5s")).isEqualTo(3_723_500_000_000L);
    assertThat(GoDuration.nanos("250ms")).isEqualTo(250_000_000L);
    assertThatThrownBy(() -> GoDuration.nanos("10")).hasMessageContaining("invalid duration");
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(Timestamps.toApi("10m", now, "since")).isEqualTo("1699999400");
    assertThat(Timestamps.toApi("0s", now.plusMillis(900), "until")).isEqualTo("1700000000");
    assertThat(Timestamps.toApi("1699999999.5", now, "since")).isEqualTo("1699999999.5");
    assertThat(Timestamps.toApi("2023-11-14T22:13:20Z", now, "since"))
        .isEqualTo("1700000000.000000000");
    assertThat(RestartPolicy.parse("always").toString())
        .isEqualTo("{\"Name\":\"always\",\"MaximumRetryCount\":0}");
    assertThatThrownBy(() -> RestartPolicy.parse("sometimes"))
        .hasMessage("invalid restart policy 'sometimes'");
  }

  @Test
  void goUnitsAndPsText() {
    assertThat(Units.humanSize3(2_129_920)).isEqualTo("2.13MB");
    assertThat(Units.humanSize3(0)).isEqualTo("0B");
    assertThat(Units.humanSize(1_234_567)).isEqualTo("1.235MB");
    assertThat(Units.bytesSize(376_832)).isEqualTo("368KiB");
    assertThat(Units.bytesSize(64L << 20)).isEqualTo("64MiB");
    assertThat(ContainerRow.ellipsis("sh -c 'echo started; sleep 300'", 20))
        .isEqualTo("sh -c 'echo started…");
    assertThat(GoQuote.quote("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
    var ports = Json.array();
    ports.addObject().put("IP", "0.0.0.0").put("PrivatePort", 80).put("PublicPort", 8080)
        .put("Type", "tcp");
    ports.addObject().put("IP", "0.0.0.0").put("PrivatePort", 81).put("PublicPort", 8081)
        .put("Type", "tcp");
    ports.addObject().put("PrivatePort", 53).put("Type", "udp");
    assertThat(PortsText.of(ports)).isEqualTo("0.0.0.0:8080-8081->80-81/tcp, 53/udp");
    assertThat(List.of(PortsText.of(Json.array()))).containsExactly("");
  }

  @Test
  void statsFiguresFromCgroupV2() throws Exception {
    var s = Json.parse("""
        {"id":"abc","name":"/web","cpu_stats":{"cpu_usage":{"total_usage":300000000},
         "system_cpu_usage":20000000000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":100000000},"system_cpu_usage":10000000000},
         "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"inactive_file":2097152}},
         "networks":{"eth0":{"rx_bytes":1500,"tx_bytes":500}},
         "blkio_stats":{"io_service_bytes_recursive":[{"op":"read","value":4096},
           {"op":"write","value":8192}]},"pids_stats":{"current":3}}""");
    var row = new StatsRow("web", StatsRow.Figures.of(s), true);
    assertThat(row.field("CPUPerc", List.of())).isEqualTo("4.00%");
    assertThat(row.field("MemUsage", List.of())).isEqualTo("8MiB / 100MiB");
    assertThat(row.field("MemPerc", List.of())).isEqualTo("8.00%");
    assertThat(row.field("NetIO", List.of())).isEqualTo("1.5kB / 500B");
    assertThat(row.field("BlockIO", List.of())).isEqualTo("4.1kB / 8.19kB");
    assertThat(row.field("PIDs", List.of())).isEqualTo("3");
    assertThat(row.field("Name", List.of())).isEqualTo("web");
  }
}

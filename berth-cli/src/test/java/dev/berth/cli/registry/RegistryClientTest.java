package dev.berth.cli.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import dev.berth.registry.server.Registry;
import dev.berth.registry.server.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth pull, push, login and logout against Berth's registry in-process on loopback (with and
 * without htpasswd), through a real in-process berthd, compared with docker v28 doing the same
 * on the same daemon, each CLI with its own config directory.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RegistryClientTest {
  @TempDir Path tmp;
  private Berthd d;
  private Path berthConfig;
  private Path dockerConfig;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    d = Berthd.start(tmp);
    berthConfig = Files.createDirectory(tmp.resolve("berth-config"));
    dockerConfig = Files.createDirectory(tmp.resolve("docker-config"));
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  private Result berth(String stdin, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("-H", d.host()));
    cmd.addAll(List.of(args));
    var all = new java.util.HashMap<>(env);
    all.put("DOCKER_CONFIG", berthConfig.toString());
    return Berthd.run(Berthd.javaCommand(cmd), stdin == null ? null : stdin.getBytes(UTF_8), all);
  }

  private Result docker(String stdin, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Berthd.DOCKER, "-H", d.host()));
    cmd.addAll(List.of(args));
    var all = new java.util.HashMap<>(env);
    all.put("DOCKER_CONFIG", dockerConfig.toString());
    return Berthd.run(cmd, stdin == null ? null : stdin.getBytes(UTF_8), all);
  }

  private Result berth(String... args) throws Exception {
    return berth(null, Map.of(), args);
  }

  private Result docker(String... args) throws Exception {
    return docker(null, Map.of(), args);
  }

  /** Same exit code, stdout and stderr, with the config directory and program names read alike. */
  private void same(Result berth, Result docker, String what) {
    same(berth, docker, what, "", "");
  }

  /** {@link #same} with {@code from} in docker's output read as {@code to} (its own registry). */
  private void same(Result berth, Result docker, String what, String from, String to) {
    String out = docker.out().replace(dockerConfig.toString(), berthConfig.toString())
        .replace(from, to);
    String err = docker.err().replace(dockerConfig.toString(), berthConfig.toString())
        .replace(from, to)
        .replaceAll("(?<![\\w.])docker(?!\\w)", "berth").replace("docs.berth.com", "docs.docker.com");
    assertThat(berth.out()).as("stdout of " + what).isEqualTo(out);
    assertThat(berth.err()).as("stderr of " + what).isEqualTo(err);
    assertThat(berth.code()).as("exit code of " + what).isEqualTo(docker.code());
  }

  private void same(String... args) throws Exception {
    same(berth(args), docker(args), String.join(" ", args));
  }

  @Test
  void pushThenPullPrintTheDaemonsProgressAsDocker() throws Exception {
    try (Registry a = Registry.start(RegistryConfig.defaults(tmp.resolve("ra")));
        Registry b = Registry.start(RegistryConfig.defaults(tmp.resolve("rb")))) {
      String ra = "127.0.0.1:" + a.port() + "/team/app";
      String rb = "127.0.0.1:" + b.port() + "/team/app";
      assertThat(berth("tag", "busybox", ra + ":v1").code()).isZero();
      assertThat(berth("tag", "busybox", rb + ":v1").code()).isZero();
      // each CLI pushes into a registry of its own, so both see the layers missing
      Result push = berth("push", ra + ":v1");
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(push.out()).startsWith("The push refers to repository [" + ra + "]\n")
          .contains(": Pushed\n").containsPattern("v1: digest: sha256:[0-9a-f]{64} size: \\d+\n$");
      Result dockerPush = docker("push", rb + ":v1");
      assertThat(push.out().replace(ra, rb)).isEqualTo(dockerPush.out());
      same(berth("push", ra), docker("push", rb), "push without a tag", rb, ra);
      same(berth("push", "-q", ra + ":v1"), docker("push", "-q", rb + ":v1"), "push -q", rb, ra);
      same(berth("push", "-a", ra), docker("push", "-a", rb), "push -a", rb, ra);

      assertThat(berth("rmi", ra + ":v1").code()).isZero();
      Result pull = berth("pull", ra + ":v1");
      assertThat(pull.code()).as(pull.err()).isZero();
      assertThat(pull.out()).contains("v1: Pulling from team/app\n")
          // the pushed layer went gzipped, so it is new here: downloaded, extracted
          .containsPattern("[0-9a-f]{12}: Download complete\n[0-9a-f]{12}: Pull complete\n")
          .contains("Status: Downloaded newer image for " + ra + ":v1\n").endsWith("\n" + ra + ":v1\n");
      // from here on the blob is kept (busybox is the same image), for either CLI
      assertThat(berth("rmi", ra + ":v1").code()).isZero();
      Result again = berth("pull", ra + ":v1");
      assertThat(again.out()).contains(": Already exists\n");
      assertThat(berth("rmi", ra + ":v1").code()).isZero();
      assertThat(docker("pull", ra + ":v1").out()).isEqualTo(again.out());
      same("pull", ra + ":v1");
      same("pull", ra);
      same("pull", "-q", ra + ":v1");
      same("pull", "-a", ra);
      same("pull", "--platform", "linux/amd64", ra + ":v1");
      same("pull", ra + ":nosuch");
      same("pull", "-a", ra + ":v1");
      same("pull", "Upper/Case");
      same("pull", "bad::ref");
      same("pull");
      same("push", ra + "@sha256:" + "0".repeat(64));
    }
  }

  @Test
  void pullInATerminalRewritesEachLayersLine() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pty");
    try (Registry a = Registry.start(RegistryConfig.defaults(tmp.resolve("ra")))) {
      String ref = "127.0.0.1:" + a.port() + "/team/app:v1";
      assertThat(berth("tag", "busybox", ref).code()).isZero();
      assertThat(berth("push", ref).code()).isZero();
      // with busybox gone, each rmi takes the layer too: both CLIs see a full download
      assertThat(berth("rmi", "busybox").code()).isZero();
      List<String> outputs = new ArrayList<>();
      for (String cli : new String[] {"berth", "docker"}) {
        assertThat(berth("rmi", ref).code()).isZero();
        String line = cli.equals("berth") ? d.shellCommand("pull", ref)
            : Berthd.DOCKER + " -H " + d.host() + " pull " + ref;
        Result r = Berthd.run(List.of("/usr/bin/script", "-qfec", line, "/dev/null"), null,
            Map.of("DOCKER_CONFIG", (cli.equals("berth") ? berthConfig : dockerConfig).toString()));
        assertThat(r.code()).as(r.out()).isZero();
        outputs.add(r.out());
      }
      for (String out : outputs) {
        // a layer's line: cursor up to it, erased, rewritten (Extracting with its bar, then
        // Pull complete), cursor back down
        assertThat(out).containsPattern("\\u001b\\[2K\\r[0-9a-f]{12}: Extracting .*/.*\\r")
            .containsPattern("\\u001b\\[\\d+A\\u001b\\[2K\\r[0-9a-f]{12}: "
            + "Pull complete \\r\\u001b\\[\\d+B").contains("Status: Downloaded newer image for " + ref + "\r\n")
            .endsWith("\r\n" + ref + "\r\n");
      }
      // the same lines once the rewriting is taken out
      assertThat(finalLines(outputs.get(0))).isEqualTo(finalLines(outputs.get(1)));
    }
  }

  /** The screen a terminal shows at the end: a tiny emulator of \\n, \\r, erase line, cursor up/down. */
  private static List<String> finalLines(String out) {
    List<StringBuilder> screen = new ArrayList<>(List.of(new StringBuilder()));
    int row = 0;
    int col = 0;
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '\u001b') {
        int j = i + 2;
        while (!Character.isLetter(out.charAt(j))) {
          j++;
        }
        String arg = out.substring(i + 2, j);
        switch (out.charAt(j)) {
          case 'A' -> row -= Integer.parseInt(arg);
          case 'B' -> row += Integer.parseInt(arg);
          case 'K' -> screen.get(row).setLength(0);
          default -> throw new AssertionError("unexpected escape " + arg + out.charAt(j));
        }
        i = j;
      } else if (c == '\n') {
        row++;
        col = 0;
      } else if (c == '\r') {
        col = 0;
      } else {
        StringBuilder line = screen.get(row);
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
      while (screen.size() <= row) {
        screen.add(new StringBuilder());
      }
    }
    return screen.stream().map(b -> b.toString().stripTrailing()).toList();
  }

  @Test
  void loginStoresCredentialsAsDockerAndPullPushUseThem() throws Exception {
    Path users = tmp.resolve("htpasswd");
    Process h = new ProcessBuilder("htpasswd", "-Bbn", "dave", "pw1").start();
    Files.write(users, h.getInputStream().readAllBytes());
    assertThat(h.waitFor()).isZero();
    try (Registry r = Registry.start(RegistryConfig.defaults(tmp.resolve("r")).withBasicAuth(users))) {
      String host = "127.0.0.1:" + r.port();
      String image = host + "/team/app:v1";
      assertThat(berth("tag", "busybox", image).code()).isZero();
      same("push", image); // no credentials yet
      same("login", "-u", "dave", "-p", "wrong", host);
      same("login", "-u", "dave", host);
      same("login", host);
      same("login", "--password-stdin", host);
      same("login", "-p", "x", "--password-stdin", "-u", "dave", host);
      same("login", "a", "b");

      same(berth("pw1\n", Map.of(), "login", "-u", "dave", "--password-stdin", host),
          docker("pw1\n", Map.of(), "login", "-u", "dave", "--password-stdin", host), "login");
      String stored = Files.readString(berthConfig.resolve("config.json"));
      assertThat(stored).isEqualTo(Files.readString(dockerConfig.resolve("config.json")))
          .contains("\"" + host + "\"").contains("\"auth\": \"ZGF2ZTpwdzE=\"");
      // stored credentials are tried first
      same("login", host);

      Result push = berth("push", image);
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(berth("rmi", image).code()).isZero();
      Result pull = berth("pull", image);
      assertThat(pull.code()).as(pull.err()).isZero();
      assertThat(pull.out()).endsWith(image + "\n");

      same("logout", host);
      assertThat(Files.readString(berthConfig.resolve("config.json")))
          .isEqualTo(Files.readString(dockerConfig.resolve("config.json"))).doesNotContain(host);
      same("logout", host);
      same("logout", "a", "b");
      assertThat(berth("rmi", image).code()).isZero();
      same("pull", image);
    }
  }

  @Test
  void credentialHelperHoldsTheSecret() throws Exception {
    Path users = tmp.resolve("htpasswd");
    Process h = new ProcessBuilder("htpasswd", "-Bbn", "erin", "pw2").start();
    Files.write(users, h.getInputStream().readAllBytes());
    assertThat(h.waitFor()).isZero();
    // a helper that keeps one secret per server in a directory, as docker-credential-pass would
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path store = Files.createDirectory(tmp.resolve("secrets"));
    Path helper = bin.resolve("docker-credential-berthtest");
    Files.writeString(helper, """
        #!/bin/sh
        set -e
        dir=%s
        in=$(cat)
        case "$1" in
          store) key=$(printf '%%s' "$in" | sed 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/' | tr '/:' '__')
                 printf '%%s' "$in" > "$dir/$key" ;;
          get) key=$(printf '%%s' "$in" | tr '/:' '__')
               if [ -f "$dir/$key" ]; then cat "$dir/$key"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          erase) key=$(printf '%%s' "$in" | tr '/:' '__'); rm -f "$dir/$key" ;;
        esac
        """.formatted(store));
    assertThat(helper.toFile().setExecutable(true)).isTrue();
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    Files.writeString(berthConfig.resolve("config.json"), "{\"credsStore\": \"berthtest\"}");
    Files.writeString(dockerConfig.resolve("config.json"), "{\"credsStore\": \"berthtest\"}");
    try (Registry r = Registry.start(RegistryConfig.defaults(tmp.resolve("r")).withBasicAuth(users))) {
      String host = "127.0.0.1:" + r.port();
      Result login = berth("pw2", env, "login", "-u", "erin", "--password-stdin", host);
      assertThat(login.code()).as(login.err()).isZero();
      assertThat(login.out()).isEqualTo("Login Succeeded\n");
      assertThat(Files.readString(store.resolve(host.replace(':', '_'))))
          .contains("\"Username\":\"erin\"", "\"Secret\":\"pw2\"");
      String berthFile = Files.readString(berthConfig.resolve("config.json"));
      same(login, docker("pw2", env, "login", "-u", "erin", "--password-stdin", host), "login");
      assertThat(berthFile).isEqualTo(Files.readString(dockerConfig.resolve("config.json")))
          .doesNotContain("pw2");

      String image = host + "/team/app:v1";
      assertThat(berth("tag", "busybox", image).code()).isZero();
      Result push = berth(null, env, "push", image);
      assertThat(push.code()).as(push.err()).isZero();
      same(berth(null, env, "logout", host), docker(null, env, "logout", host), "logout");
      assertThat(Files.list(store)).isEmpty();

      // a helper named for this registry alone (credHelpers) is used the same way
      Files.writeString(berthConfig.resolve("config.json"),
          "{\"credHelpers\": {\"" + host + "\": \"berthtest\"}}");
      Result again = berth("pw2", env, "login", "-u", "erin", "--password-stdin", host);
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.err()).isEmpty();
      assertThat(Files.readString(store.resolve(host.replace(':', '_')))).contains("\"Secret\":\"pw2\"");
      assertThat(Files.readString(berthConfig.resolve("config.json"))).doesNotContain("pw2");
      assertThat(berth(null, env, "pull", image).code()).isZero();
    }
  }
}

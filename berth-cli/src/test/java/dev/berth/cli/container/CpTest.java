package dev.berth.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** berth cp both ways: a file, a directory, renaming on copy, and tar streams with "-". */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CpTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    d = Berthd.start(tmp);
    Result box = d.berth("run", "-d", "--name", "box", "--network", "none", "busybox", "sleep",
        "300");
    assertThat(box.code()).as(box.err()).isZero();
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void copiesFilesAndDirectoriesIntoAndOutOfAContainer() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("in/conf"));
    Files.writeString(dir.resolve("a.txt"), "alpha\n");
    Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString(
        "rwxr-x---"));

    Result in = d.berth("cp", dir.toString(), "box:/tmp/");
    assertThat(in.code()).as(in.err()).isZero();
    assertThat(d.berth("exec", "box", "cat", "/tmp/conf/a.txt").out()).isEqualTo("alpha\n");
    assertThat(d.berth("exec", "box", "stat", "-c", "%a", "/tmp/conf/run.sh").out())
        .isEqualTo("750\n");

    Result renamed = d.berth("cp", dir.resolve("a.txt").toString(), "box:/tmp/b.txt");
    assertThat(renamed.code()).as(renamed.err()).isZero();
    assertThat(d.berth("exec", "box", "cat", "/tmp/b.txt").out()).isEqualTo("alpha\n");

    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Result back = d.berth("cp", "box:/tmp/conf", out.toString());
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(Files.readString(out.resolve("conf/a.txt"))).isEqualTo("alpha\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        out.resolve("conf/run.sh")))).isEqualTo("rwxr-x---");

    Result file = d.berth("cp", "box:/tmp/b.txt", tmp.resolve("copy.txt").toString());
    assertThat(file.code()).as(file.err()).isZero();
    assertThat(Files.readString(tmp.resolve("copy.txt"))).isEqualTo("alpha\n");
  }

  @Test
  void dashMeansATarStream() throws Exception {
    assertThat(d.berth("exec", "box", "sh", "-c", "mkdir /data && echo x > /data/f").code())
        .isZero();
    Path out = tmp.resolve("out.tar");
    Process cp = new ProcessBuilder("sh", "-c", d.shellCommand("cp", "box:/data", "-") + " > "
        + out).redirectErrorStream(true).start();
    String cpLog = new String(cp.getInputStream().readAllBytes());
    assertThat(cp.waitFor()).as(cpLog).isZero();
    Process list = new ProcessBuilder("tar", "-tf", out.toString()).start();
    String names = new String(list.getInputStream().readAllBytes());
    assertThat(list.waitFor()).isZero();
    assertThat(names.lines().map(n -> n.replaceFirst("^\\./", ""))).contains("data/", "data/f");

    Path tarFile = tmp.resolve("in.tar");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("g"), "gamma\n");
    Process p = new ProcessBuilder("tar", "-C", src.toString(), "-cf", tarFile.toString(), "g")
        .start();
    assertThat(p.waitFor()).isZero();
    Result in = d.berthWithInput(Files.readAllBytes(tarFile), "cp", "-", "box:/tmp");
    assertThat(in.code()).as(in.err()).isZero();
    assertThat(d.berth("exec", "box", "cat", "/tmp/g").out()).isEqualTo("gamma\n");
  }

  @Test
  void missingSourcesAreErrors() throws Exception {
    Result r = d.berth("cp", "box:/nope", tmp.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Error response from daemon: ").contains("/nope");
    assertThat(d.berth("cp", "a", "b").err())
        .isEqualTo("must specify at least one container source\n");
  }
}

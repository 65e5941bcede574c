package dev.berth.runtime.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.DefaultSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bundle for tests: a busybox-static root (Debian's /usr/bin/busybox and a link per applet)
 * and the default config, edited as a JSON tree so a test can set any field, even a wrong one.
 */
public final class TestBundle {
  private static final Path BUSYBOX = Path.of("/usr/bin/busybox");
  private static List<String> applets;

  public final Path dir;
  public final ObjectNode config;

  private TestBundle(Path dir, ObjectNode config) {
    this.dir = dir;
    this.config = config;
  }

  public static TestBundle create(Path dir, String... args) {
    try {
      Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
      for (String d : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "root", "mnt")) {
        Files.createDirectories(rootfs.resolve(d));
      }
      Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"), StandardCopyOption.REPLACE_EXISTING);
      for (String a : applets()) {
        Path link = rootfs.resolve("bin").resolve(a);
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, Path.of("busybox"));
      }
      Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
      Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
      ObjectNode c = BundleLoader.JSON.valueToTree(DefaultSpec.create(false));
      TestBundle b = new TestBundle(dir, c);
      if (args.length > 0) b.args(args);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized List<String> applets() throws IOException {
    if (applets == null) {
      try {
        java.lang.Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        applets = new String(p.getInputStream().readAllBytes()).lines().filter(s -> !s.isBlank()).toList();
        p.waitFor();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
    return applets;
  }

  public Path rootfs() {
    return dir.resolve("rootfs");
  }

  public TestBundle args(String... args) {
    ArrayNode a = config.with("process").putArray("args");
    for (String s : args) a.add(s);
    return this;
  }

  /** sh -c SCRIPT */
  public TestBundle script(String script) {
    return args("sh", "-c", script);
  }

  public TestBundle edit(Consumer<ObjectNode> edit) {
    edit.accept(config);
    return this;
  }

  public ObjectNode linux() {
    return config.with("linux");
  }

  public ArrayNode mounts() {
    return (ArrayNode) config.get("mounts");
  }

  public ArrayNode namespaces() {
    return (ArrayNode) linux().get("namespaces");
  }

  public TestBundle withoutNamespace(String type) {
    ArrayNode ns = namespaces();
    for (int i = ns.size() - 1; i >= 0; i--) {
      if (ns.get(i).get("type").asText().equals(type)) ns.remove(i);
    }
    return this;
  }

  /** Writes config.json and returns the bundle directory. */
  public Path write() {
    try {
      Files.write(dir.resolve("config.json"), BundleLoader.JSON.writeValueAsBytes(config));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.berth.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.DefaultSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Container start-to-exit latency of /bin/true on one busybox bundle, side by side: the
 * in-process runtime (warm JVM, the daemon's path), the `berth-runtime run` command, `runc run`,
 * and `unshare` of the same namespaces (the floor). Then the shim's RSS per running container.
 *
 * <p>Usage: StartLatency TOP_DIR [RUNS]
 */
public final class StartLatency {
  public static void main(String[] args) throws Exception {
    Path top = Path.of(args[0]).toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path work = Files.createTempDirectory("berth-bench");
    Path root = Files.createTempDirectory(Path.of("/run"), "bb");
    try {
      Path bundle = makeBundle(top, work.resolve("bundle"), "/bin/true");
      ContainerRuntime rt = ContainerRuntime.open(root);
      // warm the JIT as a daemon that has started containers before would be
      for (int i = 0; i < 150; i++) rt.run("warm" + i, bundle, CreateOptions.inherit(), false);
      // interleaved, so that both see the same background (the kernel tears network namespaces
      // down asynchronously, and that work competes for the two cores)
      List<Double> inProcess = new ArrayList<>();
      List<Double> runc = new ArrayList<>();
      List<Double> unshare = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int n = i;
        inProcess.add(time(() -> rt.run("b" + n, bundle, CreateOptions.inherit(), false)));
        runc.add(time(() -> exec(List.of("runc", "--root", root.resolve("runc").toString(),
            "run", "--bundle", bundle.toString(), "runc" + n))));
        unshare.add(time(() -> exec(List.of("unshare", "--pid", "--net", "--ipc", "--uts",
            "--mount", "--cgroup", "--fork", "true"))));
      }
      List<Double> cli = new ArrayList<>();
      for (int i = 0; i < Math.min(runs, 20); i++) {
        int n = i;
        cli.add(time(() -> exec(List.of(top.resolve("bin/berth-runtime").toString(),
            "--root", root.toString(), "run", "--bundle", bundle.toString(), "cli" + n))));
      }
      double base = Samples.median(runc);
      System.out.printf("start-to-exit of /bin/true, %d runs each (cli: %d), medians:%n", runs, cli.size());
      row("berth in-process (warm JVM)", inProcess, base);
      row("berth-runtime run (CLI)", cli, base);
      row("runc run", runc, base);
      row("unshare (floor)", unshare, base);
      System.out.println("crun: not measured (it refuses this host's hybrid cgroups)");
      phases(rt, bundle, runs);
      shimRss(rt, top, work);
    } finally {
      exec(List.of("rm", "-rf", work.toString(), root.toString()));
    }
  }

  interface Body {
    void run() throws Exception;
  }

  private static double time(Body body) throws Exception {
    long t0 = System.nanoTime();
    body.run();
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void row(String name, List<Double> xs, double base) {
    List<Double> s = Samples.sorted(xs);
    double p90 = s.get((int) Math.min(s.size() - 1, Math.round(s.size() * 0.9)));
    System.out.printf("  %-30s median %7.2f ms  p90 %7.2f ms  ratio to runc %.2f%n", name, Samples.median(xs), p90, Samples.median(xs) / base);
  }

  /** Where the in-process time goes: create, start, wait for the exit, delete. */
  private static void phases(ContainerRuntime rt, Path bundle, int runs) {
    List<Double> create = new ArrayList<>();
    List<Double> start = new ArrayList<>();
    List<Double> await = new ArrayList<>();
    List<Double> delete = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      String id = "ph" + i;
      long t0 = System.nanoTime();
      rt.create(id, bundle, CreateOptions.inherit());
      long t1 = System.nanoTime();
      rt.start(id);
      long t2 = System.nanoTime();
      rt.waitFor(id);
      long t3 = System.nanoTime();
      rt.delete(id, false);
      long t4 = System.nanoTime();
      create.add((t1 - t0) / 1e6);
      start.add((t2 - t1) / 1e6);
      await.add((t3 - t2) / 1e6);
      delete.add((t4 - t3) / 1e6);
    }
    System.out.printf("in-process phases, medians: create %.2f ms, start %.2f ms, wait %.2f ms, delete %.2f ms%n",
        Samples.median(create), Samples.median(start), Samples.median(await), Samples.median(delete));
  }

  private static void shimRss(ContainerRuntime rt, Path top, Path work) throws Exception {
    Path bundle = makeBundle(top, work.resolve("sleep"), "sleep", "1000");
    List<Long> rss = new ArrayList<>();
    int n = 10;
    try {
      for (int i = 0; i < n; i++) {
        String id = "rss" + i;
        rt.create(id, bundle, CreateOptions.piped(work.resolve(id + ".log")));
        rt.start(id);
        int shim = Integer.parseInt(Files.readString(rt.root().resolve(id).resolve("shim.pid")).trim());
        for (String line : Files.readAllLines(Path.of("/proc/" + shim + "/status"))) {
          if (line.startsWith("VmRSS:")) rss.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } finally {
      for (int i = 0; i < n; i++) {
        try {
          rt.delete("rss" + i, true);
        } catch (RuntimeException e) {
          // not created
        }
      }
    }
    Collections.sort(rss);
    System.out.printf("berth-shim RSS per running container (pipe mode, CRI log): median %d KiB, max %d KiB over %d%n",
        rss.get(rss.size() / 2), rss.get(rss.size() - 1), rss.size());
  }

  private static Path makeBundle(Path top, Path dir, String... args) throws Exception {
    exec(List.of(top.resolve("scripts/busybox-bundle.sh").toString(), dir.toString()));
    Path cfg = dir.resolve("config.json");
    ObjectNode c = (ObjectNode) BundleLoader.JSON.readTree(cfg.toFile());
    ArrayNode a = c.with("process").putArray("args");
    for (String s : args) a.add(s);
    BundleLoader.JSON.writeValue(cfg.toFile(), c);
    return dir;
  }

  private static void exec(List<String> cmd) throws Exception {
    java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int code = p.waitFor();
    if (code != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
  }
}

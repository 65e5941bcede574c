package dev.berth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * berthd against dockerd (the anchor), side by side in one run, on the same busybox image:
 * {@code docker run --rm busybox true} through the CLI, create+start+wait through the API, 100
 * containers started 4 at a time (each just after the daemons' start and again after 200 more
 * containers), and memory: per idle container (shims and daemon growth) and each daemon idle.
 *
 * <p>Usage: DaemonBench BERTH_SOCK BERTHD_PIDFILE DOCKER_SOCK DOCKERD_PIDFILE CONTAINERD_PIDFILE
 * ROUNDS
 */
public final class DaemonBench {
  private static final String DOCKER =
      Files.isExecutable(Path.of("/usr/local/bin/docker")) ? "/usr/local/bin/docker" : "docker";

  record Daemon(String name, Path socket, List<Path> pidfiles, String shim) {}

  /** Time for freed memory to go back to the kernel before a reading (glibc trim, Go scavenger). */
  private static final long SETTLE_MS = 5000;

  public static void main(String[] args) throws Exception {
    Daemon berth = new Daemon("berthd", Path.of(args[0]), List.of(Path.of(args[1])),
        "berth-shim");
    Daemon docker = new Daemon("dockerd", Path.of(args[2]),
        List.of(Path.of(args[3]), Path.of(args[4])), "containerd-shim");
    int rounds = Integer.parseInt(args[5]);
    List<Daemon> both = List.of(berth, docker);

    long berthIdle = rss(berth);
    long dockerIdle = rss(docker);
    for (Daemon d : both) {
      cli(d, "run", "--rm", "--network", "none", "busybox", "true"); // warm-up
      api(d);
    }
    // Each figure twice: just after start (berthd's JIT still compiling: the first few hundred
    // containers cost it about twice the CPU of later ones) and after 200 more containers.
    System.out.printf("%d interleaved rounds, medians; first just after start, then after 200"
        + " containers more:%n", rounds);
    latencies(berth, docker, rounds, "fresh");
    double[] first = new double[2];
    double[] second = new double[2];
    for (int k = 0; k < 2; k++) {
      first[k] = parallel(both.get(k), 100, 4);
      second[k] = parallel(both.get(k), 100, 4);
    }
    System.out.printf("  100 containers, 4 at a time     berthd %7.1f /s   dockerd %7.1f /s"
        + "   ratio %.2f   (first hundred)%n", first[0], first[1], first[0] / first[1]);
    System.out.printf("  100 containers, 4 at a time     berthd %7.1f /s   dockerd %7.1f /s"
        + "   ratio %.2f   (second hundred)%n", second[0], second[1], second[0] / second[1]);
    latencies(berth, docker, rounds, "warm");
    for (Daemon d : both) {
      memory(d, d == berth ? berthIdle : dockerIdle);
    }
  }

  /** docker run --rm and API create+start+wait, interleaved rounds, medians printed. */
  static void latencies(Daemon berth, Daemon docker, int rounds, String when) throws Exception {
    List<Daemon> both = List.of(berth, docker);
    List<List<Double>> run = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> api = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 2; k++) {
        Daemon d = both.get((i + k) % 2);
        int slot = d == berth ? 0 : 1;
        long t0 = System.nanoTime();
        cli(d, "run", "--rm", "--network", "none", "busybox", "true");
        run.get(slot).add((System.nanoTime() - t0) / 1e6);
        api.get(slot).add(api(d));
      }
    }
    System.out.printf("  docker run --rm busybox true   berthd %7.1f ms   dockerd %7.1f ms"
        + "   ratio %.2f   (%s)%n", Samples.median(run.get(0)), Samples.median(run.get(1)),
        Samples.median(run.get(0)) / Samples.median(run.get(1)), when);
    System.out.printf("  API create+start+wait          berthd %7.1f ms   dockerd %7.1f ms"
        + "   ratio %.2f   (%s)%n", Samples.median(api.get(0)), Samples.median(api.get(1)),
        Samples.median(api.get(0)) / Samples.median(api.get(1)), when);
  }

  /** One API-level container: create, start, wait for its exit (timed, in ms), then delete. */
  static double api(Daemon d) throws Exception {
    long t0 = System.nanoTime();
    var created = UnixHttp.call(d.socket(), "POST", "/v1.41/containers/create",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}");
    if (created.status() != 201) {
      throw new IllegalStateException(d.name() + " create: " + created);
    }
    String id = created.body().trim().replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1");
    UnixHttp.call(d.socket(), "POST", "/v1.41/containers/" + id + "/start", null);
    var waited = UnixHttp.call(d.socket(), "POST", "/v1.41/containers/" + id + "/wait", null);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (!waited.body().contains("\"StatusCode\":0")) {
      throw new IllegalStateException(d.name() + " wait: " + waited);
    }
    UnixHttp.call(d.socket(), "DELETE", "/v1.41/containers/" + id, null);
    return ms;
  }

  static double parallel(Daemon d, int n, int width) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(width);
    long t0 = System.nanoTime();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(pool.submit(() -> {
        cli(d, "run", "--rm", "--network", "none", "busybox", "true");
        return null;
      }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * Idle containers: shim RSS each, and how much the daemon grew from ten to twenty of them
   * (the first ten also pay for what a daemon sets up once); each figure taken after a settle
   * of a few seconds, as both runtimes give freed memory back on their own schedule. Then the
   * daemon's idle RSS once they are gone, after all the work above.
   */
  static void memory(Daemon d, long idle) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(cli(d, "run", "-d", "--network", "none", "busybox", "sleep", "1000").trim());
    }
    Thread.sleep(SETTLE_MS);
    long before = rss(d);
    for (int i = 0; i < 10; i++) {
      ids.add(cli(d, "run", "-d", "--network", "none", "busybox", "sleep", "1000").trim());
    }
    Thread.sleep(SETTLE_MS);
    long after = rss(d);
    long shims = 0;
    int count = 0;
    for (String line : exec(List.of("ps", "-eo", "rss,comm")).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[1].startsWith(d.shim())) {
        shims += Long.parseLong(f[0]);
        count++;
      }
    }
    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
    rm.addAll(ids);
    cli(d, rm.toArray(String[]::new));
    Thread.sleep(SETTLE_MS);
    System.out.printf("  %s: idle %d KiB at start, %d KiB after the runs; %d idle containers:"
        + " %d KiB per shim, daemon +%d KiB from 10 to 20 (%d KiB per container)%n", d.name(),
        idle, rss(d), count, count == 0 ? 0 : shims / count, after - before,
        (after - before) / 10);
  }

  /** Resident KiB of the daemon's processes (dockerd and containerd for the anchor). */
  static long rss(Daemon d) throws Exception {
    long kib = 0;
    for (Path pidfile : d.pidfiles()) {
      String pid = Files.readString(pidfile).trim();
      for (String l : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (l.startsWith("VmRSS:")) {
          kib += Long.parseLong(l.replaceAll("\\D+", ""));
        }
      }
    }
    return kib;
  }

  static String cli(Daemon d, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", "unix://" + d.socket()));
    cmd.addAll(List.of(args));
    return exec(cmd);
  }

  static String exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }
}

package dev.berth.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.image.ImageConfig;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.sys.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs containers' health checks on schedule, each probe an exec of the check's command in the
 * container, killed when it outlasts the timeout; results go to {@link Health}, which inspect
 * and {@code ps} show. Defaults as Docker's: every 30 s, 30 s timeout, 3 retries.
 */
final class HealthChecker {
  private static final long DEFAULT_NANOS = 30_000_000_000L;

  private final ContainerRuntime runtime;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Health> health = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();

  private final java.util.function.BiConsumer<Container, String> onChange;

  /** {@code onChange} hears each new status ({@code health_status: healthy} events). */
  HealthChecker(ContainerRuntime runtime, ScheduledExecutorService scheduler,
      java.util.function.BiConsumer<Container, String> onChange) {
    this.runtime = runtime;
    this.scheduler = scheduler;
    this.onChange = onChange;
  }

  /** The check that applies: the container's, else the image's; null when none or NONE. */
  static ImageConfig.Healthcheck effective(Container c, ImageConfig.ContainerConfig image) {
    ImageConfig.Healthcheck h = c.config().healthcheck() != null ? c.config().healthcheck()
        : image == null ? null : image.healthcheck();
    if (h == null || h.test() == null || h.test().isEmpty() || h.test().getFirst().equals("NONE")) {
      return null;
    }
    return h;
  }

  void start(Container c, ImageConfig.Healthcheck check, Path bundle) {
    stop(c.id());
    health.put(c.id(), Health.starting());
    long interval = nanos(check.interval());
    Instant started = Instant.now();
    ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(
        () -> probe(c, check, bundle, started), interval, interval, TimeUnit.NANOSECONDS);
    schedules.put(c.id(), f);
  }

  void stop(String id) {
    ScheduledFuture<?> f = schedules.remove(id);
    if (f != null) {
      f.cancel(false);
    }
  }

  void forget(String id) {
    stop(id);
    health.remove(id);
  }

  Health of(String id) {
    return health.get(id);
  }

  private void probe(Container c, ImageConfig.Healthcheck check, Path bundle, Instant started) {
    Instant begin = Instant.now();
    int code;
    String output = "";
    Path log = bundle.resolve("health.log");
    try {
      ObjectNode process = (ObjectNode) BundleLoader.JSON.readTree(
          bundle.resolve("config.json").toFile()).get("process");
      process.put("terminal", false);
      var args = process.putArray("args");
      List<String> test = check.test();
      if (test.getFirst().equals("CMD-SHELL")) {
        args.add("/bin/sh").add("-c").add(String.join(" ", test.subList(1, test.size())));
      } else {
        test.subList(test.getFirst().equals("CMD") ? 1 : 0, test.size()).forEach(args::add);
      }
      Files.deleteIfExists(log);
      var p = runtime.execStart(c.shortId(), BundleLoader.JSON.treeToValue(process,
          dev.berth.oci.runtime.Process.class), CreateOptions.piped(log));
      ScheduledFuture<?> killer = scheduler.schedule(() -> Signals.kill(p.pid(), 9),
          nanos(check.timeout()), TimeUnit.NANOSECONDS);
      code = runtime.execWait(p);
      killer.cancel(false);
      output = Files.exists(log) ? LogReader.read(log, null, null, -1).stream()
          .map(e -> new String(e.data())).reduce("", String::concat) : "";
    } catch (IOException | RuntimeException e) {
      code = -1;
      output = String.valueOf(e.getMessage());
    }
    if (output.length() > 4096) {
      output = output.substring(0, 4096);
    }
    Health.Result r = new Health.Result(begin.toString(), Instant.now().toString(), code, output);
    boolean inStart = Duration.between(started, Instant.now()).toNanos() < (
        check.startPeriod() == null ? 0 : check.startPeriod());
    int retries = check.retries() == null || check.retries() <= 0 ? 3 : check.retries();
    Health before = health.get(c.id());
    Health after = health.computeIfPresent(c.id(), (k, h) -> h.after(r, retries, inStart));
    if (before != null && after != null && !after.status().equals(before.status())) {
      onChange.accept(c, after.status());
    }
  }

  private static long nanos(Long v) {
    return v == null || v <= 0 ? DEFAULT_NANOS : v;
  }
}

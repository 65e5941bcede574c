package dev.berth.runtime.cli;

import dev.berth.runtime.cgroup.CgroupStats;
import dev.berth.runtime.spec.BundleLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `events --stats ID`: one stats event, shaped as runc prints it so tools that read runc's read ours. */
@Command(name = "events", description = "Print a container's resource usage once (--stats).")
final class EventsCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = "--stats", required = true, description = "print one stats event and exit") boolean stats;
  @Parameters(index = "0", paramLabel = "ID") String id;

  @Override
  public Integer call() throws Exception {
    CgroupStats s = cli.runtime().stats(id);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cpu", Map.of("usage", Map.of(
        "total", s.cpu().totalNanos(), "user", s.cpu().userNanos(), "kernel", s.cpu().systemNanos())));
    data.put("memory", Map.of(
        "usage", Map.of("usage", s.memory().usage(), "max", s.memory().maxUsage(), "limit", s.memory().limit()),
        "cache", s.memory().cache()));
    data.put("pids", Map.of("current", s.pids().current(), "limit", s.pids().limit()));
    data.put("blkio", Map.of("read_bytes", s.io().readBytes(), "write_bytes", s.io().writeBytes()));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "stats");
    event.put("id", id);
    event.put("data", data);
    System.out.println(BundleLoader.JSON.writeValueAsString(event));
    return 0;
  }
}

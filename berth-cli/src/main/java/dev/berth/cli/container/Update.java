package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth update}: change a container's resource limits and restart policy. */
@Command(name = "update", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]",
    description = "Update configuration of one or more containers")
final class Update extends ApiCommand {
  @Option(names = {"-m", "--memory"}, paramLabel = "bytes", converter = Sizes.class, description = "Memory limit")
  Long memory;
  @Option(names = "--memory-swap", paramLabel = "bytes", converter = Sizes.Swap.class, description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
  Long memorySwap;
  @Option(names = "--memory-reservation", paramLabel = "bytes", converter = Sizes.class, description = "Memory soft limit")
  Long memoryReservation;
  @Option(names = "--cpus", paramLabel = "decimal", description = "Number of CPUs")
  Double cpus;
  @Option(names = {"-c", "--cpu-shares"}, paramLabel = "int", description = "CPU shares (relative weight)")
  Long cpuShares;
  @Option(names = "--cpu-period", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
  Long cpuPeriod;
  @Option(names = "--cpu-quota", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
  Long cpuQuota;
  @Option(names = "--cpuset-cpus", paramLabel = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus;
  @Option(names = "--cpuset-mems", paramLabel = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
  String cpusetMems;
  @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
  Long pidsLimit;
  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits")
  String restart;
  @Parameters(hidden = true) List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, names, 1);
    ObjectNode body = Json.object();
    putIf(body, "Memory", memory);
    putIf(body, "MemorySwap", memorySwap);
    putIf(body, "MemoryReservation", memoryReservation);
    putIf(body, "NanoCpus", cpus == null ? null : Math.round(cpus * 1e9));
    putIf(body, "CpuShares", cpuShares);
    putIf(body, "CpuPeriod", cpuPeriod);
    putIf(body, "CpuQuota", cpuQuota);
    putIf(body, "PidsLimit", pidsLimit);
    if (cpusetCpus != null) {
      body.put("CpusetCpus", cpusetCpus);
    }
    if (cpusetMems != null) {
      body.put("CpusetMems", cpusetMems);
    }
    if (restart != null) {
      body.set("RestartPolicy", RestartPolicy.parse(restart));
    }
    if (body.isEmpty()) {
      throw new CliException("berth: you must provide one or more flags when using this"
          + " command");
    }
    var warnings = new ArrayList<String>();
    int code = forEach(names, n -> {
      JsonNode r = client().post("/containers/" + seg(n) + "/update", Query.NONE, body);
      if (r != null) {
        r.path("Warnings").forEach(w -> warnings.add(w.asText()));
      }
      return n;
    }, null);
    warnings.forEach(w -> err().println(w));
    return code;
  }

  private static void putIf(ObjectNode body, String field, Long value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}

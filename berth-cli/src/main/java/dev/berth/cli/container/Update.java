package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth update}: change a container's resource limits and restart policy. */
final class Update extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("update").synopsis("[OPTIONS] CONTAINER [CONTAINER...]").description("Update configuration of one or more containers");
    c.add(Flag.value("-m", "--memory").label("bytes").describe("Memory limit").to(Sizes::parse, v -> memory = v));
    c.add(Flag.value("--memory-swap").label("bytes").describe("Swap limit equal to memory plus swap: -1 to enable unlimited swap").to(Sizes.Swap::parse, v -> memorySwap = v));
    c.add(Flag.value("--memory-reservation").label("bytes").describe("Memory soft limit").to(Sizes::parse, v -> memoryReservation = v));
    c.add(Flag.value("--cpus").label("decimal").describe("Number of CPUs").toDouble(v -> cpus = v));
    c.add(Flag.value("-c", "--cpu-shares").label("int").describe("CPU shares (relative weight)").toLong(v -> cpuShares = v));
    c.add(Flag.value("--cpu-period").label("int").describe("Limit CPU CFS (Completely Fair Scheduler) period").toLong(v -> cpuPeriod = v));
    c.add(Flag.value("--cpu-quota").label("int").describe("Limit CPU CFS (Completely Fair Scheduler) quota").toLong(v -> cpuQuota = v));
    c.add(Flag.value("--cpuset-cpus").label("string").describe("CPUs in which to allow execution (0-3, 0,1)").to(v -> cpusetCpus = v));
    c.add(Flag.value("--cpuset-mems").label("string").describe("MEMs in which to allow execution (0-3, 0,1)").to(v -> cpusetMems = v));
    c.add(Flag.value("--pids-limit").label("int").describe("Tune container pids limit (set -1 for unlimited)").toLong(v -> pidsLimit = v));
    c.add(Flag.value("--restart").label("string").describe("Restart policy to apply when a container exits").to(v -> restart = v));
    c.positionals(names::add);
  }

  Long memory;
  Long memorySwap;
  Long memoryReservation;
  Double cpus;
  Long cpuShares;
  Long cpuPeriod;
  Long cpuQuota;
  String cpusetCpus;
  String cpusetMems;
  Long pidsLimit;
  String restart;
  List<String> names = new ArrayList<>();

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

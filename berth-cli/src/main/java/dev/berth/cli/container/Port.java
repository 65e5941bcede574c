package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code berth port}: a container's published ports, "80/tcp -> 0.0.0.0:8080". */
final class Port extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("port").synopsis("CONTAINER [PRIVATE_PORT[/PROTO]]").description("List port mappings or a specific mapping for the container");
    c.positionals(args::add);
  }

  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.between(spec, args, 1, 2);
    JsonNode ports = client().get("/containers/" + seg(args.get(0)) + "/json")
        .path("NetworkSettings").path("Ports");
    if (args.size() == 2) {
      String want = args.get(1).contains("/") ? args.get(1) : args.get(1) + "/tcp";
      JsonNode b = ports.path(want);
      if (!b.isArray() || b.isEmpty()) {
        throw new CliException("Error: No public port '" + args.get(1) + "' published for "
            + args.get(0));
      }
      for (JsonNode h : b) {
        out().println(hostPort(h));
      }
      return 0;
    }
    Map<Integer, List<String>> lines = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ports.properties().iterator();
        it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isArray()) {
        continue;
      }
      int port = Integer.parseInt(e.getKey().split("/")[0]);
      for (JsonNode h : e.getValue()) {
        lines.computeIfAbsent(port, k -> new ArrayList<>()).add(e.getKey() + " -> "
            + hostPort(h));
      }
    }
    lines.values().forEach(l -> l.forEach(out()::println));
    return 0;
  }

  private static String hostPort(JsonNode h) {
    String ip = h.path("HostIp").asText();
    String hp = h.path("HostPort").asText();
    return ip.contains(":") ? "[" + ip + "]:" + hp : ip + ":" + hp;
  }
}

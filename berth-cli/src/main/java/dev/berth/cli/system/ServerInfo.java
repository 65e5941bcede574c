package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The Server section of {@code berth info}, line for line in the order docker prints it. */
final class ServerInfo {
  private final PrintStream out;
  private final JsonNode info;

  private ServerInfo(PrintStream out, JsonNode info) {
    this.out = out;
    this.info = info;
  }

  static void print(PrintStream out, JsonNode info, boolean clientDebug) {
    new ServerInfo(out, info).print(clientDebug);
  }

  private void print(boolean clientDebug) {
    line(" Containers:", "Containers");
    line("  Running:", "ContainersRunning");
    line("  Paused:", "ContainersPaused");
    line("  Stopped:", "ContainersStopped");
    line(" Images:", "Images");
    nonEmpty(" Server Version:", "ServerVersion");
    nonEmpty(" Storage Driver:", "Driver");
    for (JsonNode pair : info.path("DriverStatus")) {
      out.println("  " + pair.path(0).asText() + ": " + pair.path(1).asText());
    }
    for (JsonNode pair : info.path("SystemStatus")) {
      out.println(" " + pair.path(0).asText() + ": " + pair.path(1).asText());
    }
    nonEmpty(" Logging Driver:", "LoggingDriver");
    nonEmpty(" Cgroup Driver:", "CgroupDriver");
    nonEmpty(" Cgroup Version:", "CgroupVersion");
    out.println(" Plugins:");
    JsonNode plugins = info.path("Plugins");
    out.println("  Volume: " + join(plugins.path("Volume")));
    out.println("  Network: " + join(plugins.path("Network")));
    if (!plugins.path("Authorization").isEmpty()) {
      out.println("  Authorization: " + join(plugins.path("Authorization")));
    }
    out.println("  Log: " + join(plugins.path("Log")));
    if (!info.path("CDISpecDirs").isEmpty()) {
      out.println(" CDI spec directories:");
      info.path("CDISpecDirs").forEach(d -> out.println("  " + d.asText()));
    }
    JsonNode swarm = info.path("Swarm");
    String state = swarm.path("LocalNodeState").asText("");
    out.println(" Swarm: " + state);
    if (!state.equals("inactive") && !state.equals("locked") && !state.isEmpty()) {
      out.println("  NodeID: " + swarm.path("NodeID").asText(""));
      out.println("  Is Manager: " + swarm.path("ControlAvailable").asBoolean());
      out.println("  Node Address: " + swarm.path("NodeAddr").asText(""));
    }
    if (!info.path("Runtimes").isEmpty()) {
      List<String> names = new ArrayList<>();
      info.path("Runtimes").fieldNames().forEachRemaining(names::add);
      out.println(" Runtimes: " + String.join(" ", names));
      out.println(" Default Runtime: " + info.path("DefaultRuntime").asText(""));
    }
    if (info.path("OSType").asText().equals("linux")) {
      out.println(" Init Binary: " + info.path("InitBinary").asText(""));
      out.println(" containerd version: " + info.path("ContainerdCommit").path("ID").asText(""));
      out.println(" runc version: " + info.path("RuncCommit").path("ID").asText(""));
      out.println(" init version: " + info.path("InitCommit").path("ID").asText(""));
      securityOptions();
    }
    if (info.path("OSType").asText().equals("windows")) {
      out.println(" Default Isolation: " + info.path("Isolation").asText(""));
    }
    nonEmpty(" Kernel Version:", "KernelVersion");
    nonEmpty(" Operating System:", "OperatingSystem");
    nonEmpty(" OSType:", "OSType");
    nonEmpty(" Architecture:", "Architecture");
    line(" CPUs:", "NCPU");
    out.println(" Total Memory: " + Info.bytes(info.path("MemTotal")));
    nonEmpty(" Name:", "Name");
    nonEmpty(" ID:", "ID");
    line(" Docker Root Dir:", "DockerRootDir");
    line(" Debug Mode:", "Debug");
    if (info.path("Debug").asBoolean() || clientDebug) {
      line("  File Descriptors:", "NFd");
      line("  Goroutines:", "NGoroutines");
      line("  System Time:", "SystemTime");
      line("  EventsListeners:", "NEventsListener");
    }
    nonEmpty(" HTTP Proxy:", "HttpProxy");
    nonEmpty(" HTTPS Proxy:", "HttpsProxy");
    nonEmpty(" No Proxy:", "NoProxy");
    if (!info.path("Labels").isEmpty()) {
      out.println(" Labels:");
      info.path("Labels").forEach(l -> out.println("  " + l.asText()));
    }
    line(" Experimental:", "ExperimentalBuild");
    registries();
    line(" Live Restore Enabled:", "LiveRestoreEnabled");
    if (!info.path("ProductLicense").asText("").isEmpty()) {
      line(" Product License:", "ProductLicense");
    }
    if (!info.path("DefaultAddressPools").isEmpty()) {
      out.println(" Default Address Pools:");
      info.path("DefaultAddressPools").forEach(p -> out.println("   Base: "
          + p.path("Base").asText() + ", Size: " + p.path("Size").asLong()));
    }
    out.println();
  }

  private void securityOptions() {
    JsonNode options = info.path("SecurityOptions");
    if (options.isEmpty()) {
      return;
    }
    out.println(" Security Options:");
    for (JsonNode o : options) {
      String name = null;
      String profile = null;
      for (String kv : o.asText().split(",")) {
        int eq = kv.indexOf('=');
        String k = eq < 0 ? kv : kv.substring(0, eq);
        String v = eq < 0 ? "" : kv.substring(eq + 1);
        if (k.equals("name")) {
          name = v;
        } else if (k.equals("profile")) {
          profile = v;
        }
      }
      out.println("  " + (name == null ? o.asText() : name));
      if (profile != null) {
        out.println("   Profile: " + profile);
      }
    }
  }

  private void registries() {
    JsonNode rc = info.path("RegistryConfig");
    JsonNode index = rc.path("IndexConfigs");
    JsonNode cidrs = rc.path("InsecureRegistryCIDRs");
    if (!index.isEmpty() || !cidrs.isEmpty()) {
      out.println(" Insecure Registries:");
      index.forEach(c -> {
        if (!c.path("Secure").asBoolean()) {
          out.println("  " + c.path("Name").asText());
        }
      });
      cidrs.forEach(c -> out.println("  " + c.asText()));
    }
    if (!rc.path("Mirrors").isEmpty()) {
      out.println(" Registry Mirrors:");
      rc.path("Mirrors").forEach(m -> out.println("  " + m.asText()));
    }
  }

  private void line(String label, String key) {
    out.println(label + " " + Info.text(info.get(key)));
  }

  private void nonEmpty(String label, String key) {
    String v = Info.text(info.get(key));
    if (!v.isEmpty()) {
      out.println(label + " " + v);
    }
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.asText()));
    return String.join(" ", items);
  }
}

package dev.berth.network;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The iptables rules of a bridge network as a whole, where the CNI plugins would add rules
 * per container: outbound NAT for the subnet, forwarding to and from the bridge (through a
 * FORWARD policy of DROP, as dockerd leaves it), and for an internal network the refusal of
 * all traffic between the bridge and anything else. One set per network, in Berth's own
 * chains ({@code BERTH-FORWARD}, {@code BERTH-POSTROUTING}), added at the first container and
 * removed with the network (the chains too, with the last network's rules): a container's start
 * and exit touch no rule.
 */
final class BridgeRules {
  private static final String FORWARD = "BERTH-FORWARD";
  private static final String POSTROUTING = "BERTH-POSTROUTING";
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  /** Makes sure {@code n}'s rules are in place (checked once per daemon run). */
  void ensure(Network n) {
    if (ensured.contains(n.id())) {
      return;
    }
    synchronized (this) {
      if (ensured.contains(n.id())) {
        return;
      }
      chain("filter", FORWARD, "FORWARD", true);
      chain("nat", POSTROUTING, "POSTROUTING", false);
      for (Rule r : rules(n)) {
        if (!run(r.check())) {
          runOrFail(r.add());
        }
      }
      ensured.add(n.id());
    }
  }

  /** Whether this daemon run put {@code n}'s rules in place. */
  boolean ensured(Network n) {
    return ensured.contains(n.id());
  }

  /** Removes {@code n}'s rules (those already gone are fine). */
  synchronized void remove(Network n) {
    for (Rule r : rules(n)) {
      while (run(r.delete())) {
        // a rule added twice by hand is removed twice
      }
    }
    ensured.remove(n.id());
    dropIfEmpty("filter", FORWARD, "FORWARD");
    dropIfEmpty("nat", POSTROUTING, "POSTROUTING");
  }

  /**
   * Takes Berth's chain and the jump to it out of {@code table} once no network's rule is left
   * in it (another daemon's networks may still have theirs), so a host without networks has no
   * trace of Berth in its rules.
   */
  private static void dropIfEmpty(String table, String name, String parent) {
    List<String> listed = output(List.of("iptables", "-w", "-t", table, "-S", name));
    if (listed == null || listed.size() != 1) {
      return; // gone already, or rules in it
    }
    if (run(List.of("iptables", "-w", "-t", table, "-D", parent, "-j", name))) {
      run(List.of("iptables", "-w", "-t", table, "-X", name)); // refused if re-used meanwhile
    }
  }

  /** The command's output lines, or null if it failed. */
  private static List<String> output(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out.lines().filter(l -> !l.isBlank()).toList() : null;
    } catch (IOException e) {
      throw BerthException.system("running " + cmd.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private record Rule(String table, String chain, List<String> spec) {
    List<String> check() {
      return command("-C");
    }

    List<String> add() {
      return command("-A");
    }

    List<String> delete() {
      return command("-D");
    }

    private List<String> command(String op) {
      List<String> c = new ArrayList<>(List.of("iptables", "-w", "-t", table, op, chain));
      c.addAll(spec);
      return c;
    }
  }

  private static List<Rule> rules(Network n) {
    String br = n.bridge();
    if (n.internal()) {
      return List.of(
          new Rule("filter", FORWARD, List.of("-i", br, "!", "-o", br, "-j", "DROP")),
          new Rule("filter", FORWARD, List.of("-o", br, "!", "-i", br, "-j", "DROP")),
          new Rule("filter", FORWARD, List.of("-i", br, "-o", br, "-j", "ACCEPT")));
    }
    return List.of(
        new Rule("filter", FORWARD, List.of("-i", br, "-j", "ACCEPT")),
        new Rule("filter", FORWARD, List.of("-o", br, "-j", "ACCEPT")),
        new Rule("nat", POSTROUTING, List.of("-s", n.subnet(), "!", "-o", br, "-j",
            "MASQUERADE")));
  }

  /** Berth's chain in {@code table}, jumped to from {@code parent} (first, or last). */
  private static void chain(String table, String name, String parent, boolean first) {
    run(List.of("iptables", "-w", "-t", table, "-N", name)); // exists already: fine
    if (!run(List.of("iptables", "-w", "-t", table, "-C", parent, "-j", name))) {
      runOrFail(first ? List.of("iptables", "-w", "-t", table, "-I", parent, "1", "-j", name)
          : List.of("iptables", "-w", "-t", table, "-A", parent, "-j", name));
    }
  }

  private static void runOrFail(List<String> cmd) {
    if (!run(cmd)) {
      throw BerthException.system("failed: " + String.join(" ", cmd), null);
    }
  }

  private static boolean run(List<String> cmd) {
    return output(cmd) != null;
  }
}

package dev.berth.runtime;

import dev.berth.runtime.spec.NamespaceType;
import java.util.ArrayList;
import java.util.List;

/** The namespaces an exec joins, in the order the shim must enter them. */
final class ExecNamespaces {
  private ExecNamespaces() {}

  static NamespaceType byProcName(String name) {
    for (NamespaceType t : NamespaceType.values()) {
      if (t.procName().equals(name)) return t;
    }
    throw new IllegalArgumentException("namespace " + name);
  }

  /** User first (it grants the rights to join the rest), mount last (it changes the root). */
  static List<NamespaceType> joinOrder(List<NamespaceType> ns) {
    List<NamespaceType> out = new ArrayList<>();
    if (ns.contains(NamespaceType.USER)) out.add(NamespaceType.USER);
    for (NamespaceType t : ns) {
      if (t != NamespaceType.USER && t != NamespaceType.MOUNT) out.add(t);
    }
    if (ns.contains(NamespaceType.MOUNT)) out.add(NamespaceType.MOUNT);
    return out;
  }
}

package dev.berth.runtime.seccomp;

import java.util.Collections;
import java.util.Set;

/**
 * When a profile rule is emitted at all. Docker's {@code includes} are the positive half (every
 * capability held, the arch among those named, kernel new enough) and its {@code excludes} the
 * negative half (no capability named held, arch not named, kernel older than named).
 */
record RuleCondition(
    Set<String> allCaps,
    Set<String> noCaps,
    Set<String> onArches,
    Set<String> notArches,
    KernelVersion minKernel,
    KernelVersion belowKernel) {

  static final RuleCondition ALWAYS =
      new RuleCondition(Set.of(), Set.of(), Set.of(), Set.of(), null, null);

  RuleCondition {
    allCaps = Set.copyOf(allCaps);
    noCaps = Set.copyOf(noCaps);
    onArches = Set.copyOf(onArches);
    notArches = Set.copyOf(notArches);
  }

  boolean holds(Target t) {
    return t.capabilities().containsAll(allCaps)
        && Collections.disjoint(t.capabilities(), noCaps)
        && (onArches.isEmpty() || onArches.contains(t.arch()))
        && !notArches.contains(t.arch())
        && (minKernel == null || t.kernel().atLeast(minKernel))
        && (belowKernel == null || !t.kernel().atLeast(belowKernel));
  }
}

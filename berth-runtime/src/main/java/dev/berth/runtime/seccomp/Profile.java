package dev.berth.runtime.seccomp;

import dev.berth.oci.runtime.Seccomp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed profile in Docker's sense: rules with conditions, not yet an OCI filter. {@link
 * #resolve} keeps the rules whose conditions hold for a target and folds them into {@code
 * linux.seccomp}.
 */
record Profile(
    String defaultAction,
    Integer defaultErrnoRet,
    Map<String, List<String>> archMap,
    List<ProfileRule> rules) {

  Profile {
    archMap = Map.copyOf(archMap);
    rules = List.copyOf(rules);
  }

  Seccomp resolve(Target target) {
    // Rules with the same action, errno and filters merge into one OCI entry: each entry expands
    // to one libseccomp rule per name, so the merged filter is the same and half as long.
    Map<RuleKey, LinkedHashSet<String>> merged = new LinkedHashMap<>();
    for (ProfileRule r : rules) {
      if (r.when().holds(target)) {
        merged
            .computeIfAbsent(
                new RuleKey(r.action(), r.errnoRet(), r.args()), k -> new LinkedHashSet<>())
            .addAll(r.names());
      }
    }
    List<Seccomp.Syscall> syscalls = new ArrayList<>();
    merged.forEach(
        (k, names) ->
            syscalls.add(
                new Seccomp.Syscall(List.copyOf(names), k.action(), k.errnoRet(), k.args())));
    return new Seccomp(
        defaultAction,
        defaultErrnoRet,
        archMap.getOrDefault(target.arch(), List.of()),
        List.of(),
        syscalls);
  }

  private record RuleKey(String action, Integer errnoRet, List<Seccomp.Arg> args) {
    RuleKey {
      Objects.requireNonNull(action);
    }
  }
}

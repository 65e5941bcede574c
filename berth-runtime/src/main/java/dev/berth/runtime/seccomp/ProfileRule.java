package dev.berth.runtime.seccomp;

import dev.berth.oci.runtime.Seccomp;
import java.util.List;

/**
 * One rule of a profile: an action (with its errno, if any) for some syscalls, the argument filters
 * it carries into the OCI rule, and the condition under which it exists.
 */
record ProfileRule(
    List<String> names,
    String action,
    Integer errnoRet,
    List<Seccomp.Arg> args,
    RuleCondition when) {

  ProfileRule {
    names = List.copyOf(names);
    args = List.copyOf(args);
  }
}

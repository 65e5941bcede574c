package dev.berth.runtime.seccomp;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Seccomp;
import java.util.List;

/**
 * Checks an OCI {@code linux.seccomp} section before it reaches the shim, so a bad profile fails at
 * create with the field named instead of inside libseccomp after clone. Syscall names are not
 * checked against a table: runc and crun skip names the kernel does not know, and so do we.
 */
public final class SeccompValidator {
  private static final String FIELD = "linux.seccomp";

  private SeccompValidator() {}

  /** Throws {@link BerthException} (invalid argument) naming the first bad field. */
  public static void validate(Seccomp s) {
    if (s == null) {
      return;
    }
    if (s.defaultAction() == null || s.defaultAction().isBlank()) {
      throw bad(FIELD + ".defaultAction", "missing");
    }
    action(FIELD + ".defaultAction", s.defaultAction());
    errnoRet(FIELD + ".defaultErrnoRet", s.defaultErrnoRet());
    List<String> arches = s.architectures();
    for (int i = 0; i < arches.size(); i++) {
      if (!SeccompVocabulary.ARCHES.contains(arches.get(i))) {
        throw bad(
            FIELD + ".architectures[" + i + "]", "unknown architecture " + quote(arches.get(i)));
      }
    }
    List<String> flags = s.flags();
    for (int i = 0; i < flags.size(); i++) {
      if (!SeccompVocabulary.FLAGS.contains(flags.get(i))) {
        throw bad(FIELD + ".flags[" + i + "]", "unknown flag " + quote(flags.get(i)));
      }
    }
    List<Seccomp.Syscall> syscalls = s.syscalls();
    for (int i = 0; i < syscalls.size(); i++) {
      syscall(FIELD + ".syscalls[" + i + "]", syscalls.get(i));
    }
  }

  private static void syscall(String field, Seccomp.Syscall call) {
    if (call == null) {
      throw bad(field, "null rule");
    }
    if (call.names().isEmpty()) {
      throw bad(field + ".names", "no syscall names");
    }
    for (int j = 0; j < call.names().size(); j++) {
      String name = call.names().get(j);
      if (name == null || name.isBlank()) {
        throw bad(field + ".names[" + j + "]", "empty syscall name");
      }
    }
    if (call.action() == null || call.action().isBlank()) {
      throw bad(field + ".action", "missing");
    }
    action(field + ".action", call.action());
    errnoRet(field + ".errnoRet", call.errnoRet());
    for (int k = 0; k < call.args().size(); k++) {
      arg(field + ".args[" + k + "]", call.args().get(k));
    }
  }

  private static void arg(String field, Seccomp.Arg arg) {
    if (arg == null) {
      throw bad(field, "null argument filter");
    }
    if (arg.index() < 0 || arg.index() > SeccompVocabulary.MAX_ARG_INDEX) {
      throw bad(
          field + ".index", arg.index() + " is out of range 0.." + SeccompVocabulary.MAX_ARG_INDEX);
    }
    if (arg.op() == null || arg.op().isBlank()) {
      throw bad(field + ".op", "missing");
    }
    if (!SeccompVocabulary.OPS.contains(arg.op())) {
      throw bad(field + ".op", "unknown operator " + quote(arg.op()));
    }
  }

  private static void action(String field, String action) {
    if (action.equals(SeccompVocabulary.NOTIFY)) {
      throw bad(field, "unsupported action " + quote(action) + " (no seccomp notify agent)");
    }
    if (!SeccompVocabulary.ACTIONS.contains(action)) {
      throw bad(field, "unknown action " + quote(action));
    }
  }

  private static void errnoRet(String field, Integer ret) {
    if (ret != null && (ret < 0 || ret > SeccompVocabulary.MAX_RET_DATA)) {
      throw bad(field, ret + " is out of range 0.." + SeccompVocabulary.MAX_RET_DATA);
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static BerthException bad(String field, String what) {
    return BerthException.invalid(field + ": " + what);
  }
}

package dev.berth.runtime.seccomp;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Seccomp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Berth's profile text ({@code default.profile} documents the format in its header).
 *
 * <pre>
 * default errno=EPERM
 * arch amd64 SCMP_ARCH_X86_64 SCMP_ARCH_X86 SCMP_ARCH_X32
 * allow arg0&amp;0x7E020000==0 !cap=CAP_SYS_ADMIN !arch=s390,s390x
 *     clone
 * </pre>
 *
 * A line that starts with blanks continues the rule above it with more syscall names; any other
 * line is a statement. Errors name the source and line.
 */
final class ProfileParser {
  private static final Pattern ARG_FILTER =
      Pattern.compile("arg(\\d)(?:&(\\w+))?(<=|>=|==|!=|<|>)(\\w+)");
  private static final Map<String, String> OPS =
      Map.of(
          "<", "SCMP_CMP_LT",
          "<=", "SCMP_CMP_LE",
          "==", "SCMP_CMP_EQ",
          "!=", "SCMP_CMP_NE",
          ">=", "SCMP_CMP_GE",
          ">", "SCMP_CMP_GT");
  private static final Map<String, String> PLAIN_ACTIONS =
      Map.of(
          "allow", SeccompVocabulary.ALLOW,
          "kill", "SCMP_ACT_KILL",
          "kill_process", "SCMP_ACT_KILL_PROCESS",
          "kill_thread", "SCMP_ACT_KILL_THREAD",
          "trap", "SCMP_ACT_TRAP",
          "log", "SCMP_ACT_LOG");

  private final String source;
  private int lineNo;
  private String defaultAction;
  private Integer defaultErrnoRet;
  private final Map<String, List<String>> archMap = new LinkedHashMap<>();
  private final List<ProfileRule> rules = new ArrayList<>();

  /** The rule being read: its names are still coming on the lines below it. */
  private ProfileRule open;

  private int openLine;

  private ProfileParser(String source) {
    this.source = source;
  }

  static Profile parse(String source, String text) {
    ProfileParser p = new ProfileParser(source);
    for (String raw : text.split("\n", -1)) {
      p.lineNo++;
      p.line(raw);
    }
    p.close();
    if (p.defaultAction == null) {
      throw BerthException.invalid(source + ": no \"default\" statement");
    }
    return new Profile(p.defaultAction, p.defaultErrnoRet, p.archMap, p.rules);
  }

  private void line(String raw) {
    int hash = raw.indexOf('#');
    String line = (hash >= 0 ? raw.substring(0, hash) : raw).stripTrailing();
    if (line.isBlank()) {
      return;
    }
    List<String> words = Arrays.asList(line.strip().split("\\s+"));
    if (Character.isWhitespace(line.charAt(0))) {
      if (open == null) {
        throw error("syscall names outside a rule");
      }
      List<String> names = new ArrayList<>(open.names());
      names.addAll(words);
      open = new ProfileRule(names, open.action(), open.errnoRet(), open.args(), open.when());
      return;
    }
    close();
    switch (words.getFirst()) {
      case "default" -> defaultStatement(words);
      case "arch" -> archStatement(words);
      default -> {
        open = rule(words);
        openLine = lineNo;
      }
    }
  }

  private void close() {
    if (open == null) {
      return;
    }
    if (open.names().isEmpty()) {
      throw BerthException.invalid(source + " line " + openLine + ": rule names no syscalls");
    }
    rules.add(open);
    open = null;
  }

  private void defaultStatement(List<String> words) {
    if (words.size() != 2) {
      throw error("expected \"default <action>\"");
    }
    if (defaultAction != null) {
      throw error("second \"default\" statement");
    }
    Action a = action(words.get(1));
    defaultAction = a.name();
    defaultErrnoRet = a.ret();
  }

  private void archStatement(List<String> words) {
    if (words.size() < 3) {
      throw error("expected \"arch <host> <SCMP_ARCH_...>...\"");
    }
    List<String> arches = words.subList(2, words.size());
    for (String a : arches) {
      if (!SeccompVocabulary.ARCHES.contains(a)) {
        throw error("unknown architecture \"" + a + "\"");
      }
    }
    if (archMap.putIfAbsent(words.get(1), List.copyOf(arches)) != null) {
      throw error("second \"arch\" line for \"" + words.get(1) + "\"");
    }
  }

  private ProfileRule rule(List<String> words) {
    Action a = action(words.getFirst());
    List<Seccomp.Arg> args = new ArrayList<>();
    Set<String> allCaps = new HashSet<>();
    Set<String> noCaps = new HashSet<>();
    Set<String> onArches = new HashSet<>();
    Set<String> notArches = new HashSet<>();
    KernelVersion minKernel = null;
    KernelVersion belowKernel = null;
    for (String term : words.subList(1, words.size())) {
      if (term.startsWith("arg")) {
        args.add(argFilter(term));
      } else if (term.startsWith("cap=")) {
        allCaps.addAll(capList(term.substring(4)));
      } else if (term.startsWith("!cap=")) {
        noCaps.addAll(capList(term.substring(5)));
      } else if (term.startsWith("arch=")) {
        onArches.addAll(list(term.substring(5)));
      } else if (term.startsWith("!arch=")) {
        notArches.addAll(list(term.substring(6)));
      } else if (term.startsWith("kernel>=")) {
        minKernel = kernel(term.substring(8));
      } else if (term.startsWith("kernel<")) {
        belowKernel = kernel(term.substring(7));
      } else {
        throw error("unknown term \"" + term + "\"");
      }
    }
    return new ProfileRule(
        List.of(),
        a.name(),
        a.ret(),
        args,
        new RuleCondition(allCaps, noCaps, onArches, notArches, minKernel, belowKernel));
  }

  private record Action(String name, Integer ret) {}

  private Action action(String word) {
    String plain = PLAIN_ACTIONS.get(word);
    if (plain != null) {
      return new Action(plain, null);
    }
    int eq = word.indexOf('=');
    if (eq > 0 && word.substring(0, eq).equals("errno")) {
      return new Action(SeccompVocabulary.ERRNO, retValue(word.substring(eq + 1)));
    }
    if (eq > 0 && word.substring(0, eq).equals("trace")) {
      return new Action(SeccompVocabulary.TRACE, retValue(word.substring(eq + 1)));
    }
    throw error("unknown action \"" + word + "\"");
  }

  private int retValue(String s) {
    Integer named = SeccompVocabulary.ERRNOS.get(s);
    if (named != null) {
      return named;
    }
    try {
      int n = Integer.parseInt(s);
      if (n >= 0 && n <= SeccompVocabulary.MAX_RET_DATA) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error("bad errno \"" + s + "\"");
  }

  private Seccomp.Arg argFilter(String term) {
    Matcher m = ARG_FILTER.matcher(term);
    if (!m.matches()) {
      throw error("bad argument filter \"" + term + "\"");
    }
    int index = Integer.parseInt(m.group(1));
    if (index > SeccompVocabulary.MAX_ARG_INDEX) {
      throw error("argument index " + index + " in \"" + term + "\" is out of range 0..5");
    }
    long value = unsigned(m.group(4), term);
    if (m.group(2) == null) {
      return new Seccomp.Arg(index, value, 0, OPS.get(m.group(3)));
    }
    if (!m.group(3).equals("==")) {
      throw error("a masked filter compares with == only: \"" + term + "\"");
    }
    // libseccomp's masked compare: (arg & value) == valueTwo.
    return new Seccomp.Arg(index, unsigned(m.group(2), term), value, SeccompVocabulary.MASKED_EQ);
  }

  private long unsigned(String s, String term) {
    try {
      String lower = s.toLowerCase(Locale.ROOT);
      return lower.startsWith("0x")
          ? Long.parseUnsignedLong(lower.substring(2), 16)
          : Long.parseUnsignedLong(lower);
    } catch (NumberFormatException e) {
      throw error("bad number \"" + s + "\" in \"" + term + "\"");
    }
  }

  private List<String> capList(String s) {
    List<String> caps = list(s);
    for (String c : caps) {
      if (!c.startsWith("CAP_")) {
        throw error("capability \"" + c + "\" does not start with CAP_");
      }
    }
    return caps;
  }

  private List<String> list(String s) {
    List<String> items = Arrays.asList(s.split(",", -1));
    if (items.isEmpty() || items.stream().anyMatch(String::isEmpty)) {
      throw error("empty item in list \"" + s + "\"");
    }
    return items;
  }

  private KernelVersion kernel(String s) {
    if (!s.matches("\\d+\\.\\d+")) {
      throw error("bad kernel version \"" + s + "\": expected X.Y");
    }
    return KernelVersion.parse(s);
  }

  private BerthException error(String what) {
    return BerthException.invalid(source + " line " + lineNo + ": " + what);
  }
}

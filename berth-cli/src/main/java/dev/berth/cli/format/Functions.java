package dev.berth.cli.format;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions a template can call: Go's builtins and those docker adds (json, split, join,
 * title, lower, upper, pad, truncate). {@link #HEADER} replaces docker's with ones that leave a
 * table header intact, as docker does when it renders the header row.
 */
final class Functions {
  /** A function body; arguments arrive evaluated and normalised. */
  interface Body {
    Object call(List<Object> args);
  }

  /** A function: how many arguments it takes (max -1: variadic) and what it does. */
  record Fn(String name, int min, int max, Body body) {}

  /** The function failed; Go prints "error calling NAME: message". */
  static final class CallError extends RuntimeException {
    CallError(String message) {
      super(message, null, false, false);
    }
  }

  /** Argument {@code index} has the wrong type; Go blames that argument's node. */
  static final class ArgError extends RuntimeException {
    final int index;
    final String expected;

    ArgError(int index, String expected, String message) {
      super(message, null, false, false);
      this.index = index;
      this.expected = expected;
    }
  }

  static final Map<String, Fn> STANDARD = new HashMap<>();
  static final Map<String, Fn> HEADER = new HashMap<>();

  /** Name, minimum and maximum (-1: variadic) argument counts; Go's builtins first. */
  private static final Object[][] TABLE = {
      {"and", 1, -1}, {"or", 1, -1}, {"not", 1, 1}, {"len", 1, 1}, {"index", 1, -1},
      {"slice", 1, -1}, {"print", 0, -1}, {"printf", 1, -1}, {"println", 0, -1}, {"eq", 1, -1},
      {"ne", 2, 2}, {"lt", 2, 2}, {"le", 2, 2}, {"gt", 2, 2}, {"ge", 2, 2}, {"html", 0, -1},
      {"js", 0, -1}, {"urlquery", 0, -1},
      // docker's
      {"json", 1, 1}, {"split", 2, 2}, {"join", 2, 2}, {"title", 1, 1}, {"lower", 1, 1},
      {"upper", 1, 1}, {"pad", 3, 3}, {"truncate", 2, 2}};
  private static final java.util.Set<String> HEADER_IDENTITY =
      java.util.Set.of("json", "split", "join", "title", "lower", "upper", "truncate");

  static {
    // one dispatching body instead of a lambda each: a CLI pays for every lambda it creates
    for (Object[] row : TABLE) {
      String name = (String) row[0];
      int min = (Integer) row[1];
      int max = (Integer) row[2];
      STANDARD.put(name, new Fn(name, min, max, args -> call(name, args)));
      HEADER.put(name, HEADER_IDENTITY.contains(name)
          ? new Fn(name, min, max, args -> str(args, 0))
          : STANDARD.get(name));
    }
  }

  private Functions() {}

  /** The builtins by name ({@code and} and {@code or} are evaluated lazily by the executor). */
  private static Object call(String name, List<Object> a) {
    switch (name) {
      case "not":
        return !Values.isTrue(a.get(0));
      case "len":
        return length(a.get(0));
      case "index":
        return index(a);
      case "slice":
        return slice(a);
      case "print":
        return GoPrinter.sprint(a);
      case "printf":
        return GoFormat.sprintf(str(a, 0), a.subList(1, a.size()));
      case "println":
        return GoPrinter.sprintln(a);
      case "eq":
        return eq(a);
      case "ne":
        return !(Boolean) eq(a);
      case "lt":
        return compare(a.get(0), a.get(1)) < 0;
      case "le":
        return compare(a.get(0), a.get(1)) <= 0;
      case "gt":
        return compare(a.get(0), a.get(1)) > 0;
      case "ge":
        return compare(a.get(0), a.get(1)) >= 0;
      case "html":
        return Escapes.html(escapeArg(a));
      case "js":
        return Escapes.js(escapeArg(a));
      case "urlquery":
        return URLEncoder.encode(escapeArg(a), StandardCharsets.UTF_8).replace("*", "%2A")
            .replace("%7E", "~");
      case "json":
        return GoJson.encode(a.get(0));
      case "split":
        return split(str(a, 0), str(a, 1));
      case "join":
        return String.join(str(a, 1), strings(a, 0));
      case "title":
        return title(str(a, 0));
      case "lower":
        return str(a, 0).toLowerCase(java.util.Locale.ROOT);
      case "upper":
        return str(a, 0).toUpperCase(java.util.Locale.ROOT);
      case "pad":
        return pad(a);
      case "truncate":
        return truncate(a);
      default:
        return null;
    }
  }

  private static String pad(List<Object> a) {
    String s = str(a, 0);
    return s.isEmpty() ? s : " ".repeat(nonNegative(a, 1)) + s + " ".repeat(nonNegative(a, 2));
  }

  private static String truncate(List<Object> a) {
    byte[] b = str(a, 0).getBytes(StandardCharsets.UTF_8);
    long n = integer(a, 1);
    if (b.length < n) {
      return str(a, 0);
    }
    if (n < 0) {
      throw new CallError("runtime error: slice bounds out of range [:" + n + "]");
    }
    return new String(b, 0, (int) n, StandardCharsets.UTF_8);
  }

  // ---- argument checks, with Go's messages ----

  static String str(List<Object> a, int i) {
    Object v = a.get(i);
    if (v instanceof String s) {
      return s;
    }
    throw wrongType(i, "string", v);
  }

  static long integer(List<Object> a, int i) {
    Object v = a.get(i);
    if (v instanceof Long l) {
      return l;
    }
    throw wrongType(i, "int", v);
  }

  private static int nonNegative(List<Object> a, int i) {
    long n = integer(a, i);
    if (n < 0) {
      throw new CallError("strings: negative Repeat count");
    }
    return (int) n;
  }

  private static List<String> strings(List<Object> a, int i) {
    Object v = a.get(i);
    if (Values.isList(v)) {
      List<String> out = new ArrayList<>();
      for (Object o : Values.list(v)) {
        if (!(o instanceof String s)) {
          throw wrongType(i, "[]string", v);
        }
        out.add(s);
      }
      return out;
    }
    throw wrongType(i, "[]string", v);
  }

  private static ArgError wrongType(int i, String expected, Object v) {
    if (v == null || v == Values.NIL) {
      return new ArgError(i, expected, "invalid value; expected " + expected);
    }
    return new ArgError(i, expected, "wrong type for value; expected " + expected + "; got " + Values.typeName(v));
  }

  private static String escapeArg(List<Object> a) {
    if (a.size() == 1 && a.get(0) instanceof String s) {
      return s;
    }
    return GoPrinter.sprint(a);
  }

  // ---- bodies ----

  private static Object length(Object v) {
    if (v instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (Values.isMap(v) || Values.isList(v)) {
      return (long) Values.size(v);
    }
    if (v == null || v == Values.NIL) {
      throw new CallError("reflect: call of reflect.Value.Type on zero Value");
    }
    throw new CallError("len of type " + Values.typeName(v));
  }

  private static Object index(List<Object> a) {
    Object item = a.get(0);
    if (item == null || item == Values.NIL) {
      throw new CallError("index of untyped nil");
    }
    for (Object key : a.subList(1, a.size())) {
      if (item == null || item == Values.NIL) {
        throw new CallError("index of untyped nil");
      }
      if (Values.isList(item) || item instanceof String) {
        int len = item instanceof String s ? s.length() : Values.size(item);
        if (!(key instanceof Long l)) {
          throw new CallError(key == null || key == Values.NIL
              ? "cannot index slice/array with nil"
              : "cannot index slice/array with type " + Values.typeName(key));
        }
        if (l < 0 || l >= len) {
          throw new CallError("index out of range: " + l);
        }
        item = item instanceof String s ? (Object) (long) s.charAt(l.intValue()) : Values.list(item).get(l.intValue());
      } else if (Values.isMap(item)) {
        if (!(key instanceof String)) {
          throw new CallError("value has type " + Values.typeName(key) + "; should be string");
        }
        Object v = Values.mapGet(item, key);
        item = v == null ? Values.NIL : v;
      } else {
        throw new CallError("can't index item of type " + Values.typeName(item));
      }
    }
    return item;
  }

  private static Object slice(List<Object> a) {
    Object item = a.get(0);
    if (item == null || item == Values.NIL) {
      throw new CallError("slice of untyped nil");
    }
    if (a.size() > 4) {
      throw new CallError("too many slice indexes: " + (a.size() - 1));
    }
    int len;
    if (item instanceof String s) {
      if (a.size() == 4) {
        throw new CallError("cannot 3-index slice a string");
      }
      len = s.length();
    } else if (Values.isList(item)) {
      len = Values.size(item);
    } else {
      throw new CallError("can't slice item of type " + Values.typeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 1; i < a.size(); i++) {
      if (!(a.get(i) instanceof Long l)) {
        throw new CallError("cannot index slice/array with type " + Values.typeName(a.get(i)));
      }
      if (l < 0 || l > len) {
        throw new CallError("index out of range: " + l);
      }
      idx[i - 1] = l.intValue();
    }
    if (idx[0] > idx[1]) {
      throw new CallError("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (item instanceof String s) {
      return s.substring(idx[0], idx[1]);
    }
    return new ArrayList<>(Values.list(item).subList(idx[0], idx[1]));
  }

  private static Object eq(List<Object> a) {
    Object first = a.get(0);
    if (a.size() < 2) {
      throw new CallError("missing argument for comparison");
    }
    for (Object other : a.subList(1, a.size())) {
      if (basicEquals(first, other)) {
        return true;
      }
    }
    return false;
  }

  private static boolean basicEquals(Object x, Object y) {
    boolean xNil = x == null || x == Values.NIL;
    boolean yNil = y == null || y == Values.NIL;
    if (xNil || yNil) {
      return xNil && yNil;
    }
    String kx = kind(x);
    String ky = kind(y);
    if (!kx.equals(ky)) {
      throw new CallError("incompatible types for comparison");
    }
    if (kx.equals("other")) {
      if (Values.isMap(x) || Values.isList(x)) {
        throw new CallError("non-comparable type " + GoPrinter.print(x) + ": " + Values.typeName(x));
      }
      return Objects.equals(x, y);
    }
    return x.equals(y);
  }

  private static int compare(Object x, Object y) {
    String kx = kind(x);
    String ky = kind(y);
    if (kx.equals("bool") || kx.equals("other") || ky.equals("bool") || ky.equals("other")
        || x == null || y == null) {
      throw new CallError("invalid type for comparison");
    }
    if (!kx.equals(ky)) {
      throw new CallError("incompatible types for comparison");
    }
    if (x instanceof Long l) {
      return Long.compare(l, (Long) y);
    }
    if (x instanceof Double d) {
      return Double.compare(d, (Double) y);
    }
    return compareBytes((String) x, (String) y);
  }

  private static int compareBytes(String x, String y) {
    return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
  }

  private static String kind(Object v) {
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    return v instanceof String ? "string" : "other";
  }

  private static List<String> split(String s, String sep) {
    if (sep.isEmpty()) {
      return s.codePoints().mapToObj(Character::toString).toList();
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int x = s.indexOf(sep, from);
      if (x < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, x));
      from = x + sep.length();
    }
  }

  /** strings.Title: upper-case the first letter of each word. */
  private static String title(String s) {
    StringBuilder sb = new StringBuilder();
    int prev = ' ';
    for (int cp : s.codePoints().toArray()) {
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
      prev = cp;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int cp) {
    if (cp <= 0x7f) {
      return !(Character.isLetterOrDigit(cp) || cp == '_');
    }
    if (Character.isLetterOrDigit(cp)) {
      return false;
    }
    return Character.isWhitespace(cp);
  }
}

package dev.berth.cli.format;

import dev.berth.cli.format.Node.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One execution of a template: Go's exec.go state (dot, variables, the node being run). */
final class Exec {
  /** "No value was piped in", distinct from an invalid (null) value piped in. */
  private static final Object MISSING = new Object();
  private static final int MAX_DEPTH = 10000;

  private record Var(String name, Object value) {}

  private static final class BreakSignal extends RuntimeException {
    BreakSignal() {
      super(null, null, false, false);
    }
  }

  private static final class ContinueSignal extends RuntimeException {
    ContinueSignal() {
      super(null, null, false, false);
    }
  }

  private final Template template;
  private final Map<String, Functions.Fn> functions;
  private final StringBuilder out;
  private final List<Var> vars = new ArrayList<>();
  /** Range elements of JSON arrays and maps: Go sees them as interface {} values. */
  private final java.util.Set<Object> dynamic =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private String treeName;
  private Node node;
  private int depth;

  Exec(Template template, Map<String, Functions.Fn> functions, StringBuilder out) {
    this.template = template;
    this.functions = functions;
    this.out = out;
  }

  void run(String name, ListNode root, Object data) {
    treeName = name;
    vars.add(new Var("$", data));
    walk(data, root);
  }

  // ---- statements ----

  private void walk(Object dot, Node n) {
    node = n;
    if (n instanceof TextNode t) {
      out.append(t.text());
    } else if (n instanceof ActionNode a) {
      Object val = evalPipeline(dot, a.pipe());
      if (a.pipe().decl().isEmpty()) {
        printValue(a, val);
      }
    } else if (n instanceof ListNode l) {
      for (Node child : l.nodes()) {
        walk(dot, child);
      }
    } else if (n instanceof BranchNode b) {
      if (b.kind().equals("range")) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(dot, b);
      }
    } else if (n instanceof BreakNode) {
      throw new BreakSignal();
    } else if (n instanceof ContinueNode) {
      throw new ContinueSignal();
    } else if (n instanceof TemplateNode t) {
      walkTemplate(dot, t);
    } else if (!(n instanceof CommentNode)) {
      throw error("unknown node: " + n);
    }
  }

  private void walkIfOrWith(Object dot, BranchNode b) {
    int mark = vars.size();
    try {
      Object val = evalPipeline(dot, b.pipe());
      if (Values.isTrue(val)) {
        walk(b.kind().equals("with") ? val : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    node = r;
    int mark = vars.size();
    try {
      Object val = evalPipeline(dot, r.pipe());
      int iterMark = vars.size();
      List<Object[]> items = new ArrayList<>();
      if (val instanceof Long n) {
        if (r.pipe().decl().size() > 1) {
          throw error("can't use " + n + " to iterate over more than one variable");
        }
        for (long i = 0; i < n; i++) {
          items.add(new Object[] {i, i});
        }
      } else if (Values.isList(val)) {
        List<Object> list = Values.list(val);
        for (int i = 0; i < list.size(); i++) {
          items.add(new Object[] {(long) i, list.get(i)});
        }
      } else if (Values.isMap(val)) {
        for (String k : Values.sortedKeys(val)) {
          items.add(new Object[] {k, Values.mapGet(val, k)});
        }
      } else if (val != null && val != Values.NIL) {
        throw error("range can't iterate over " + GoPrinter.print(val));
      }
      if (items.isEmpty()) {
        if (r.elseList() != null) {
          walk(dot, r.elseList());
        }
        return;
      }
      List<VariableNode> decl = r.pipe().decl();
      for (Object[] item : items) {
        if (!decl.isEmpty()) {
          if (r.pipe().isAssign()) {
            setVar(decl.get(0).ident().get(0), decl.size() > 1 ? item[0] : item[1]);
            if (decl.size() > 1) {
              setVar(decl.get(1).ident().get(0), item[1]);
            }
          } else if (decl.size() > 1) {
            vars.set(iterMark - 2, new Var(vars.get(iterMark - 2).name(), item[0]));
            vars.set(iterMark - 1, new Var(vars.get(iterMark - 1).name(), item[1]));
          } else {
            vars.set(iterMark - 1, new Var(vars.get(iterMark - 1).name(), item[1]));
          }
        }
        boolean fromJson = !(val instanceof Long) && item[1] != null && dynamic.add(item[1]);
        try {
          walk(item[1], r.list());
        } catch (ContinueSignal c) {
          // next element
        } catch (BreakSignal b) {
          break;
        } finally {
          if (fromJson) {
            dynamic.remove(item[1]);
          }
          pop(iterMark);
        }
      }
    } finally {
      pop(mark);
    }
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    node = t;
    ListNode tree = template.tree(t.name());
    if (tree == null) {
      throw error("template " + GoPrinter.quote(t.name()) + " not defined");
    }
    if (++depth > MAX_DEPTH) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
    List<Var> saved = new ArrayList<>(vars);
    String savedName = treeName;
    vars.clear();
    vars.add(new Var("$", newDot));
    treeName = t.name();
    try {
      walk(newDot, tree);
    } finally {
      vars.clear();
      vars.addAll(saved);
      treeName = savedName;
      depth--;
    }
  }

  // ---- expressions ----

  private Object evalPipeline(Object dot, PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    node = pipe;
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value);
      if (value == Values.NIL) {
        value = null; // a nil interface becomes "no value", as in Go
      }
    }
    for (VariableNode v : pipe.decl()) {
      if (pipe.isAssign()) {
        setVar(v.ident().get(0), value);
      } else {
        vars.add(new Var(v.ident().get(0), value));
      }
    }
    return value;
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().getFirst();
    if (first instanceof FieldNode f) {
      return evalFieldNode(dot, f, cmd.args(), fin);
    }
    if (first instanceof ChainNode c) {
      return evalChainNode(dot, c, cmd.args(), fin);
    }
    if (first instanceof IdentifierNode id) {
      return evalFunction(dot, id, cmd, cmd.args(), fin);
    }
    if (first instanceof PipeNode p) {
      notAFunction(cmd.args(), fin);
      return evalPipeline(dot, p);
    }
    if (first instanceof VariableNode v) {
      return evalVariableNode(dot, v, cmd.args(), fin);
    }
    node = first;
    notAFunction(cmd.args(), fin);
    if (first instanceof BoolNode b) {
      return b.value();
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw error("nil is not a command");
    }
    if (first instanceof NumberNode n) {
      return number(n);
    }
    if (first instanceof StringNode str) {
      return str.text();
    }
    throw error("can't evaluate command " + GoPrinter.quote(first.toString()));
  }

  private void notAFunction(List<Node> args, Object fin) {
    if ((args != null && args.size() > 1) || fin != MISSING) {
      throw error("can't give argument to non-function " + (args == null ? node : args.getFirst()));
    }
  }

  private Object evalFieldNode(Object dot, FieldNode f, List<Node> args, Object fin) {
    node = f;
    return evalFieldChain(dot, dot, f, f.ident(), args, fin);
  }

  private Object evalChainNode(Object dot, ChainNode c, List<Node> args, Object fin) {
    node = c;
    if (args != null && args.size() > 1) {
      throw error("can't give argument to non-function " + c.node());
    }
    Object pipe = evalArg(dot, c.node());
    return evalFieldChain(dot, pipe, c, c.fields(), args, fin);
  }

  private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
    node = v;
    Object value = varValue(v.ident().getFirst());
    if (v.ident().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.ident().subList(1, v.ident().size()), args, fin);
  }

  private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident,
      List<Node> args, Object fin) {
    int last = ident.size() - 1;
    boolean fromMap = dynamic.contains(receiver);
    for (int i = 0; i < last; i++) {
      boolean map = Values.isMap(receiver);
      receiver = evalField(dot, ident.get(i), n, null, MISSING, receiver, fromMap);
      fromMap = map;
    }
    return evalField(dot, ident.get(last), n, args, fin, receiver, fromMap);
  }

  /** {@code fromMap}: the receiver is a value out of a JSON map or array (Go's interface {}). */
  private Object evalField(Object dot, String name, Node n, List<Node> args, Object fin,
      Object receiver, boolean fromMap) {
    if (receiver == null) {
      return null;
    }
    if (receiver == Values.NIL) {
      throw error("nil pointer evaluating interface {}." + name);
    }
    boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
    if (receiver instanceof Row row) {
      List<Object> argv = new ArrayList<>();
      if (args != null) {
        for (Node arg : args.subList(1, args.size())) {
          argv.add(evalArg(dot, arg));
        }
      }
      if (fin != MISSING) {
        argv.add(fin == null ? Values.NIL : fin);
      }
      node = n;
      Object result;
      try {
        result = row.field(name, argv);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      } catch (RuntimeException e) {
        throw error("error calling " + name + ": " + e.getMessage());
      }
      if (result == Row.NO_FIELD) {
        throw error("can't evaluate field " + name + " in type " + row.typeName());
      }
      return Values.normalize(result);
    }
    if (Values.isMap(receiver)) {
      if (hasArgs) {
        throw error(name + " is not a method but has arguments");
      }
      Object v = Values.mapGet(receiver, name);
      if (v == null && template.isMissingKeyError()) {
        throw error("map has no entry for key " + GoPrinter.quote(name));
      }
      return v;
    }
    throw error("can't evaluate field " + name + " in type "
        + (fromMap ? "interface {}" : Values.typeName(receiver)));
  }

  private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
    node = id;
    String name = id.ident();
    Functions.Fn fn = functions.get(name);
    if (fn == null) {
      throw error(GoPrinter.quote(name) + " is not a defined function");
    }
    List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
    int count = argNodes.size() + (fin != MISSING ? 1 : 0);
    if (fn.max() < 0 && count < fn.min()) {
      throw error("wrong number of args for " + name + ": want at least " + fn.min() + " got " + count);
    }
    if (fn.max() >= 0 && count != fn.max()) {
      throw error("wrong number of args for " + name + ": want " + fn.max() + " got " + count);
    }
    if (name.equals("and") || name.equals("or")) {
      Object v = null;
      for (Node arg : argNodes) {
        v = evalArg(dot, arg);
        if (Values.isTrue(v) == name.equals("or")) {
          return v;
        }
      }
      if (fin != MISSING) {
        v = fin == null ? Values.NIL : fin;
      }
      return v;
    }
    List<Object> argv = new ArrayList<>();
    for (Node arg : argNodes) {
      argv.add(evalArg(dot, arg));
    }
    if (fin != MISSING) {
      argv.add(fin == null ? Values.NIL : fin);
    }
    try {
      return Values.normalize(fn.body().call(argv));
    } catch (Functions.ArgError e) {
      node = e.index < argNodes.size() ? argNodes.get(e.index) : cmd;
      throw error(literalArgError(node, e));
    } catch (Functions.CallError e) {
      node = cmd;
      throw error("error calling " + name + ": " + e.getMessage());
    }
  }

  /** Go reports a constant of the wrong type by what it found, not by its type. */
  private static String literalArgError(Node n, Functions.ArgError e) {
    String expected = e.expected.equals("int") ? "integer" : e.expected;
    if (n instanceof NilNode) {
      return "cannot assign nil to " + e.expected;
    }
    boolean literal = n instanceof NumberNode || n instanceof StringNode || n instanceof BoolNode;
    return literal && !expected.startsWith("[") ? "expected " + expected + "; found " + n : e.getMessage();
  }

  /** An argument to a function or method: invalid values become nil. */
  private Object evalArg(Object dot, Node n) {
    node = n;
    Object v;
    if (n instanceof DotNode) {
      v = dot;
    } else if (n instanceof NilNode) {
      v = Values.NIL;
    } else if (n instanceof FieldNode f) {
      v = evalFieldNode(dot, f, List.of(f), MISSING);
    } else if (n instanceof VariableNode var) {
      v = evalVariableNode(dot, var, null, MISSING);
    } else if (n instanceof PipeNode p) {
      v = evalPipeline(dot, p);
    } else if (n instanceof IdentifierNode id) {
      v = evalFunction(dot, id, id, null, MISSING);
    } else if (n instanceof ChainNode c) {
      v = evalChainNode(dot, c, null, MISSING);
    } else if (n instanceof BoolNode b) {
      v = b.value();
    } else if (n instanceof NumberNode num) {
      v = number(num);
    } else if (n instanceof StringNode str) {
      v = str.text();
    } else {
      throw error("can't handle " + n + " for arg");
    }
    return v == null ? Values.NIL : v;
  }

  /** A constant too big for Go's int (but a valid uint64) fails only when used, as in Go. */
  private Object number(NumberNode n) {
    if (n.value() instanceof java.math.BigInteger) {
      node = n;
      throw error(n.text() + " overflows int");
    }
    return n.value();
  }

  private void printValue(Node n, Object v) {
    node = n;
    if (v == null || v == Values.NIL) {
      out.append("<no value>");
      return;
    }
    out.append(GoPrinter.print(v));
  }

  // ---- variables ----

  private Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        return vars.get(i).value();
      }
    }
    throw error("undefined variable: " + name);
  }

  private void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        vars.set(i, new Var(name, value));
        return;
      }
    }
    throw error("undefined variable: " + name);
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.removeLast();
    }
  }

  // ---- errors ----

  private TemplateException error(String message) {
    String name = GoPrinter.quote(treeName);
    if (node == null) {
      return new TemplateException("template: " + treeName + ": " + message);
    }
    String text = template.source();
    int pos = Math.min(node.pos(), text.length());
    String before = text.substring(0, pos);
    int lastNewline = before.lastIndexOf('\n');
    int column = lastNewline < 0 ? pos : pos - (lastNewline + 1);
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    String context = node.toString();
    return new TemplateException("template: " + template.name() + ":" + line + ":" + column
        + ": executing " + name + " at <" + context + ">: " + message);
  }
}

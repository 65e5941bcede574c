package dev.berth.cli.format;

import dev.berth.cli.format.Node.*;
import dev.berth.cli.format.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Go's text/template parser: tokens to a tree, with Go's parse errors. */
final class Parser {
  private final String name;
  private final List<Token> tokens;
  private final Set<String> functions;
  private final Map<String, ListNode> defines = new LinkedHashMap<>();
  private final List<String> vars = new ArrayList<>();
  private int next;
  private int rangeDepth;
  private Token current;

  private Parser(String name, String text, Set<String> functions) {
    this.name = name;
    this.tokens = Lexer.lex(text);
    this.functions = functions;
  }

  /** The main tree is stored under {@code name}, followed by the {@code define}d ones. */
  static Map<String, ListNode> parse(String name, String text, Set<String> functions) {
    Parser p = new Parser(name, text, functions);
    ListNode root = p.parseRoot();
    Map<String, ListNode> trees = new LinkedHashMap<>();
    trees.put(name, root);
    p.defines.forEach(trees::putIfAbsent);
    return trees;
  }

  private ListNode parseRoot() {
    vars.add("$");
    List<Node> nodes = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM) {
        Token delim = next();
        if (nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        backup2(delim);
      }
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        throw error("unexpected " + n);
      }
      nodes.add(n);
    }
    return new ListNode(0, nodes);
  }

  private void parseDefinition() {
    Token nameToken = nextNonSpace();
    if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
      throw unexpected(nameToken, "define clause");
    }
    String defName = unquote(nameToken);
    expect(Kind.RIGHT_DELIM, "define clause");
    List<String> saved = new ArrayList<>(vars);
    vars.clear();
    vars.add("$");
    ItemList body = itemList();
    if (!(body.end instanceof EndNode)) {
      throw error("unexpected " + body.end + " in define clause");
    }
    vars.clear();
    vars.addAll(saved);
    defines.put(defName, body.list);
  }

  private record ItemList(ListNode list, Node end) {}

  private ItemList itemList() {
    int pos = peekNonSpace().pos();
    List<Node> nodes = new ArrayList<>();
    while (peekNonSpace().kind() != Kind.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        return new ItemList(new ListNode(pos, nodes), n);
      }
      nodes.add(n);
    }
    throw error("unexpected EOF");
  }

  private Node textOrAction() {
    Token t = nextNonSpace();
    return switch (t.kind()) {
      case TEXT -> new TextNode(t.pos(), t.text());
      case LEFT_DELIM -> action();
      case COMMENT -> new CommentNode(t.pos(), t.text());
      default -> throw unexpected(t, "input");
    };
  }

  private Node action() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case BLOCK -> {
        return blockControl();
      }
      case BREAK -> {
        return breakOrContinue(t, "break");
      }
      case CONTINUE -> {
        return breakOrContinue(t, "continue");
      }
      case ELSE -> {
        return elseControl();
      }
      case END -> {
        Token d = expect(Kind.RIGHT_DELIM, "end");
        return new EndNode(d.pos());
      }
      case IF -> {
        return control("if", true);
      }
      case RANGE -> {
        return control("range", false);
      }
      case WITH -> {
        return control("with", true);
      }
      case TEMPLATE -> {
        return templateControl();
      }
      default -> {
        backup(t);
        Token start = peek();
        return new ActionNode(start.pos(), start.line(), pipeline("command", Kind.RIGHT_DELIM));
      }
    }
  }

  private Node breakOrContinue(Token t, String word) {
    Token d = nextNonSpace();
    if (d.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(d, "{{" + word + "}}");
    }
    if (rangeDepth == 0) {
      throw error("{{" + word + "}} outside {{range}}");
    }
    return word.equals("break") ? new BreakNode(t.pos(), t.line()) : new ContinueNode(t.pos(), t.line());
  }

  private Node elseControl() {
    Token p = peekNonSpace();
    if (p.kind() == Kind.IF || p.kind() == Kind.WITH) {
      // "else if" / "else with": the keyword stays for the nested control to read
      return new ElseNode(p.pos(), p.line());
    }
    Token d = expect(Kind.RIGHT_DELIM, "else");
    return new ElseNode(d.pos(), d.line());
  }

  private Node control(String kind, boolean allowElseChain) {
    int mark = vars.size();
    Token first = peek();
    PipeNode pipe = pipeline(kind, Kind.RIGHT_DELIM);
    if (kind.equals("range")) {
      rangeDepth++;
    }
    ItemList body = itemList();
    if (kind.equals("range")) {
      rangeDepth--;
    }
    ListNode elseList = null;
    if (body.end instanceof ElseNode) {
      Token p = peekNonSpace();
      if (allowElseChain && p.kind() == Kind.valueOf(kind.toUpperCase())) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}; the nested one consumes the {{end}}
        nextNonSpace();
        Node nested = control(kind, true);
        elseList = new ListNode(nested.pos(), List.of(nested));
      } else {
        ItemList rest = itemList();
        if (!(rest.end instanceof EndNode)) {
          throw error("expected end; found " + rest.end);
        }
        elseList = rest.list;
      }
    }
    while (vars.size() > mark) {
      vars.removeLast();
    }
    return new BranchNode(pipe.pos(), first.line(), kind, pipe, body.list, elseList);
  }

  /** {@code {{block "name" pipeline}}body{{end}}}: defines "name" and runs it in place. */
  private Node blockControl() {
    Token t = nextNonSpace();
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw unexpected(t, "block clause");
    }
    String blockName = unquote(t);
    PipeNode pipe = pipeline("block clause", Kind.RIGHT_DELIM);
    List<String> saved = new ArrayList<>(vars);
    vars.clear();
    vars.add("$");
    ItemList body = itemList();
    if (!(body.end instanceof EndNode)) {
      throw error("unexpected " + body.end + " in block clause");
    }
    vars.clear();
    vars.addAll(saved);
    defines.putIfAbsent(blockName, body.list);
    return new TemplateNode(t.pos(), t.line(), blockName, pipe);
  }

  private Node templateControl() {
    Token t = nextNonSpace();
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw unexpected(t, "template clause");
    }
    String tname = unquote(t);
    PipeNode pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      backup(current);
      pipe = pipeline("template clause", Kind.RIGHT_DELIM);
    }
    return new TemplateNode(t.pos(), t.line(), tname, pipe);
  }

  private PipeNode pipeline(String context, Kind end) {
    Token start = peekNonSpace();
    List<VariableNode> decl = new ArrayList<>();
    boolean isAssign = false;
    // Are there declarations or assignments?
    decls:
    while (true) {
      Token v = peekNonSpace();
      if (v.kind() != Kind.VARIABLE) {
        break;
      }
      nextNonSpace();
      Token tokenAfterVariable = peek();
      Token after = peekNonSpace();
      switch (after.kind()) {
        case ASSIGN, DECLARE -> {
          nextNonSpace();
          isAssign = after.kind() == Kind.ASSIGN;
          VariableNode variable = new VariableNode(v.pos(), List.of(v.text()));
          if (!isAssign) {
            vars.add(v.text());
          } else {
            useVar(v);
          }
          decl.add(variable);
          break decls;
        }
        case CHAR -> {
          if (after.text().equals(",")) {
            nextNonSpace();
            decl.add(new VariableNode(v.pos(), List.of(v.text())));
            vars.add(v.text());
            if (context.equals("range") && decl.size() < 2) {
              Token p = peekNonSpace();
              if (p.kind() == Kind.VARIABLE || p.kind() == Kind.RIGHT_DELIM || p.kind() == Kind.RIGHT_PAREN) {
                continue decls;
              }
              throw error("range can only initialize variables");
            }
            throw error("too many declarations in " + context);
          }
          backupTo(v, tokenAfterVariable);
          break decls;
        }
        default -> {
          backupTo(v, tokenAfterVariable);
          break decls;
        }
      }
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      Token t = nextNonSpace();
      if (t.kind() == end) {
        checkPipeline(cmds, context);
        return new PipeNode(start.pos(), isAssign, decl, cmds);
      }
      switch (t.kind()) {
        case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
            VARIABLE, LEFT_PAREN -> {
          backup(t);
          cmds.add(command());
        }
        default -> throw unexpected(t, context);
      }
    }
  }

  private void checkPipeline(List<CommandNode> cmds, String context) {
    if (cmds.isEmpty()) {
      throw error("missing value for " + context);
    }
    for (int i = 1; i < cmds.size(); i++) {
      Node first = cmds.get(i).args().getFirst();
      if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
          || first instanceof NumberNode || first instanceof StringNode) {
        throw error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    int pos = peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token t = next();
      if (t.kind() == Kind.SPACE) {
        continue;
      }
      if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) {
        backup(t);
      } else if (t.kind() != Kind.PIPE) {
        throw unexpected(t, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error("empty command");
    }
    return new CommandNode(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().kind() == Kind.FIELD) {
      int pos = peek().pos();
      List<String> fields = new ArrayList<>();
      while (peek().kind() == Kind.FIELD) {
        fields.add(next().text().substring(1));
      }
      // as in Go, a merged chain is positioned at its second part (errors point there)
      if (node instanceof FieldNode f) {
        List<String> all = new ArrayList<>(f.ident());
        all.addAll(fields);
        return new FieldNode(pos, all);
      }
      if (node instanceof VariableNode v) {
        List<String> all = new ArrayList<>(v.ident());
        all.addAll(fields);
        return new VariableNode(pos, all);
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw error("unexpected . after term " + GoPrinter.quote(node.toString()));
      }
      return new ChainNode(pos, node, fields);
    }
    return node;
  }

  private Node term() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case IDENTIFIER -> {
        if (!functions.contains(t.text())) {
          throw error("function " + GoPrinter.quote(t.text()) + " not defined");
        }
        return new IdentifierNode(t.pos(), t.text());
      }
      case DOT -> {
        return new DotNode(t.pos());
      }
      case NIL -> {
        return new NilNode(t.pos());
      }
      case VARIABLE -> {
        useVar(t);
        return new VariableNode(t.pos(), List.of(t.text()));
      }
      case FIELD -> {
        return new FieldNode(t.pos(), List.of(t.text().substring(1)));
      }
      case BOOL -> {
        return new BoolNode(t.pos(), t.text().equals("true"));
      }
      case CHAR_CONSTANT, NUMBER -> {
        return new NumberNode(t.pos(), t.text(), number(t));
      }
      case LEFT_PAREN -> {
        return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
      }
      case STRING, RAW_STRING -> {
        return new StringNode(t.pos(), t.text(), unquote(t));
      }
      default -> {
        backup(t);
        return null;
      }
    }
  }

  private void useVar(Token v) {
    String var = v.text();
    if (!vars.contains(var)) {
      throw error("undefined variable " + GoPrinter.quote(var));
    }
  }

  private Object number(Token t) {
    String text = t.text();
    if (t.kind() == Kind.CHAR_CONSTANT) {
      String body = GoStrings.unquoteChar(text.substring(1, text.length() - 1));
      if (body == null || body.codePointCount(0, body.length()) != 1) {
        throw error("malformed character constant: " + text);
      }
      return (long) body.codePointAt(0);
    }
    String clean = text.replace("_", "");
    boolean negative = clean.startsWith("-");
    String unsigned = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
    String lower = unsigned.toLowerCase();
    try {
      java.math.BigInteger integer = null;
      if (lower.startsWith("0x") && !lower.contains("p") && !lower.contains(".")) {
        integer = new java.math.BigInteger(lower.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        integer = new java.math.BigInteger(lower.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        integer = new java.math.BigInteger(lower.substring(2), 2);
      } else if (!lower.contains(".") && !lower.contains("e")) {
        integer = lower.length() > 1 && lower.startsWith("0")
            ? new java.math.BigInteger(lower.substring(1), 8)
            : new java.math.BigInteger(lower);
      }
      if (integer != null) {
        if (negative) {
          integer = integer.negate();
        }
        if (integer.bitLength() <= 63) {
          return integer.longValue();
        }
        if (!negative && integer.bitLength() <= 64) {
          return integer; // a uint64: an error when used, not when parsed
        }
        throw error("illegal number syntax: " + GoPrinter.quote(text));
      }
      double d = Double.parseDouble(lower);
      return negative ? -d : d;
    } catch (NumberFormatException e) {
      throw error("illegal number syntax: " + GoPrinter.quote(text));
    }
  }

  private String unquote(Token t) {
    String text = t.text();
    if (t.kind() == Kind.RAW_STRING) {
      return text.substring(1, text.length() - 1);
    }
    String s = GoStrings.unquote(text.substring(1, text.length() - 1));
    if (s == null) {
      throw error("invalid syntax");
    }
    return s;
  }

  // ---- token stream ----

  private Token next() {
    current = tokens.get(Math.min(next, tokens.size() - 1));
    if (next < tokens.size()) {
      next++;
    }
    if (current.kind() == Kind.ERROR) {
      throw error(current.text());
    }
    return current;
  }

  private Token peek() {
    Token t = tokens.get(Math.min(next, tokens.size() - 1));
    if (t.kind() == Kind.ERROR) {
      current = t;
      throw error(t.text());
    }
    return t;
  }

  private Token nextNonSpace() {
    Token t;
    do {
      t = next();
    } while (t.kind() == Kind.SPACE);
    return t;
  }

  /** Skips spaces and returns the token after them without consuming it, as Go's does. */
  private Token peekNonSpace() {
    Token t = nextNonSpace();
    backup(t);
    return t;
  }

  /** Steps back to {@code t} (found by identity: record equality would cost a bootstrap). */
  private void backup(Token t) {
    for (int i = Math.min(next, tokens.size() - 1); i >= 0; i--) {
      if (tokens.get(i) == t) {
        next = i;
        return;
      }
    }
  }

  private void backup2(Token t) {
    backup(t);
  }

  private void backupTo(Token variable, Token afterVariable) {
    backup(variable);
  }

  private Token expect(Kind kind, String context) {
    Token t = nextNonSpace();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return t;
  }

  private TemplateException unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      return error(t.text());
    }
    return error("unexpected " + t + " in " + context);
  }

  private TemplateException error(String message) {
    int line = current == null ? 1 : current.line();
    return new TemplateException("template: " + name + ":" + line + ": " + message);
  }
}

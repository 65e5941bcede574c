package dev.berth.cli.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, one record per Go text/template node kind. {@link #pos} is the
 * byte offset used in error locations; {@code toString} gives the source form Go prints in
 * {@code executing "" at <...>}.
 */
sealed interface Node {
  int pos();

  record ListNode(int pos, List<Node> nodes) implements Node {
    @Override
    public String toString() {
      return nodes.stream().map(Object::toString).collect(Collectors.joining());
    }
  }

  record TextNode(int pos, String text) implements Node {
    @Override
    public String toString() {
      return GoPrinter.quote(text);
    }
  }

  record CommentNode(int pos, String text) implements Node {}

  /** A pipeline: optional declared variables, then commands joined by "|". */
  record PipeNode(int pos, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
      implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(decl.stream().map(Object::toString).collect(Collectors.joining(", ")));
        sb.append(isAssign ? " = " : " := ");
      }
      sb.append(cmds.stream().map(Object::toString).collect(Collectors.joining(" | ")));
      return sb.toString();
    }
  }

  record ActionNode(int pos, int line, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      return args.stream()
          .map(a -> a instanceof PipeNode ? "(" + a + ")" : a.toString())
          .collect(Collectors.joining(" "));
    }
  }

  record IdentifierNode(int pos, String ident) implements Node {
    @Override
    public String toString() {
      return ident;
    }
  }

  /** $x or $x.A.B: ident[0] is the variable name. */
  record VariableNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  /** .A.B.C */
  record FieldNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return ident.stream().map(i -> "." + i).collect(Collectors.joining());
    }
  }

  /** (pipeline).A.B */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      String s = node instanceof PipeNode ? "(" + node + ")" : node.toString();
      return s + fields.stream().map(f -> "." + f).collect(Collectors.joining());
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A number literal: its value is a Long (int in Go) or a Double (float64). */
  record NumberNode(int pos, String text, Object value) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  record EndNode(int pos) implements Node {
    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  record ElseNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  record BreakNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  record ContinueNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  /** if, range and with share a shape; {@code kind} says which. */
  record BranchNode(int pos, int line, String kind, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {
    @Override
    public String toString() {
      String s = "{{" + kind + " " + pipe + "}}" + list;
      if (elseList != null) {
        s += "{{else}}" + elseList;
      }
      return s + "{{end}}";
    }
  }

  record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return pipe == null
          ? "{{template " + GoPrinter.quote(name) + "}}"
          : "{{template " + GoPrinter.quote(name) + " " + pipe + "}}";
    }
  }
}

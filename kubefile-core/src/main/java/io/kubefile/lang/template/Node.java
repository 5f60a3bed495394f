package io.kubefile.lang.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The parse tree of Go's {@code text/template/parse} package. {@link #toString()} prints a node as
 * Go's {@code Node.String()} does, because execution errors quote it ({@code at <.a.b>}).
 * {@link #pos} is the node's offset in the template text (in chars; converted to Go's byte column
 * only when an error is reported).
 */
abstract class Node {
  final int pos;

  Node(int pos) {
    this.pos = pos;
  }

  static final class ListNode extends Node {
    final List<Node> nodes = new ArrayList<>();

    ListNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      nodes.forEach(sb::append);
      return sb.toString();
    }
  }

  static final class TextNode extends Node {
    final String text;

    TextNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static final class CommentNode extends Node {
    final String text;

    CommentNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    public String toString() {
      return "{{" + text + "}}";
    }
  }

  static final class PipeNode extends Node {
    final int line;
    boolean isAssign;
    final List<VariableNode> decl = new ArrayList<>();
    final List<CommandNode> cmds = new ArrayList<>();

    PipeNode(int pos, int line) {
      super(pos);
      this.line = line;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        for (int i = 0; i < decl.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(decl.get(i));
        }
        sb.append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  static final class ActionNode extends Node {
    final int line;
    final PipeNode pipe;

    ActionNode(int pos, int line, PipeNode pipe) {
      super(pos);
      this.line = line;
      this.pipe = pipe;
    }

    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  static final class CommandNode extends Node {
    final List<Node> args = new ArrayList<>();

    CommandNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node arg = args.get(i);
        if (arg instanceof PipeNode) {
          sb.append('(').append(arg).append(')');
        } else {
          sb.append(arg);
        }
      }
      return sb.toString();
    }
  }

  static final class IdentifierNode extends Node {
    final String ident;

    IdentifierNode(int pos, String ident) {
      super(pos);
      this.ident = ident;
    }

    @Override
    public String toString() {
      return ident;
    }
  }

  static final class VariableNode extends Node {
    final List<String> ident;

    VariableNode(int pos, String text) {
      super(pos);
      this.ident = List.of(text.split("\\.", -1));
    }

    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  static final class DotNode extends Node {
    DotNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return ".";
    }
  }

  static final class NilNode extends Node {
    NilNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "nil";
    }
  }

  static final class FieldNode extends Node {
    final List<String> ident;

    FieldNode(int pos, String text) {
      super(pos);
      this.ident = List.of(text.substring(1).split("\\.", -1));
    }

    @Override
    public String toString() {
      return "." + String.join(".", ident);
    }
  }

  static final class ChainNode extends Node {
    final Node node;
    final List<String> fields = new ArrayList<>();

    ChainNode(int pos, Node node) {
      super(pos);
      this.node = node;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (node instanceof PipeNode) {
        sb.append('(').append(node).append(')');
      } else {
        sb.append(node);
      }
      for (String f : fields) {
        sb.append('.').append(f);
      }
      return sb.toString();
    }
  }

  static final class BoolNode extends Node {
    final boolean value;

    BoolNode(int pos, boolean value) {
      super(pos);
      this.value = value;
    }

    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  /** A number constant with every interpretation Go's parser found valid for it. */
  static final class NumberNode extends Node {
    final String text;
    boolean isInt;
    boolean isUint;
    boolean isFloat;
    long int64;
    long uint64;
    double float64;

    NumberNode(int pos, String text) {
      super(pos);
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static final class StringNode extends Node {
    final String quoted;
    final String text;

    StringNode(int pos, String quoted, String text) {
      super(pos);
      this.quoted = quoted;
      this.text = text;
    }

    @Override
    public String toString() {
      return quoted;
    }
  }

  /** {{end}} and {{else}}: only seen by the parser. */
  static final class EndNode extends Node {
    EndNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  static final class ElseNode extends Node {
    ElseNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  /** if, range and with. */
  static final class BranchNode extends Node {
    enum Kind { IF, RANGE, WITH }

    final Kind kind;
    final int line;
    final PipeNode pipe;
    final ListNode list;
    final ListNode elseList;

    BranchNode(Kind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList) {
      super(pos);
      this.kind = kind;
      this.line = line;
      this.pipe = pipe;
      this.list = list;
      this.elseList = elseList;
    }

    @Override
    public String toString() {
      String name = kind.name().toLowerCase(java.util.Locale.ROOT);
      StringBuilder sb = new StringBuilder("{{").append(name).append(' ').append(pipe).append("}}").append(list);
      if (elseList != null) {
        sb.append("{{else}}").append(elseList);
      }
      return sb.append("{{end}}").toString();
    }
  }

  static final class BreakNode extends Node {
    BreakNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  static final class ContinueNode extends Node {
    ContinueNode(int pos) {
      super(pos);
    }

    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  static final class TemplateNode extends Node {
    final int line;
    final String name;
    final PipeNode pipe;

    TemplateNode(int pos, int line, String name, PipeNode pipe) {
      super(pos);
      this.line = line;
      this.name = name;
      this.pipe = pipe;
    }

    @Override
    public String toString() {
      return pipe == null
          ? "{{template " + GoFormat.quote(name) + "}}"
          : "{{template " + GoFormat.quote(name) + " " + pipe + "}}";
    }
  }
}

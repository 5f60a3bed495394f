package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of buildkit's Dockerfile AST ({@code parser.Node}).
 *
 * <p>The root's children are the instructions. An instruction node holds the keyword as written
 * ({@link #value()}), its {@code --flags}, and its arguments as a linked list through {@link
 * #next()}. ONBUILD's argument is a node whose single child is the wrapped instruction. The shape
 * is kept as buildkit has it because {@link #dump()} must match buildkit byte for byte.
 *
 * <p>Nodes are built by the parser and not changed afterwards.
 */
public final class Node {
  private final String value;
  private final String original;
  private final List<String> flags;
  private final boolean json;
  Node next;
  final List<Node> children = new ArrayList<>();
  final List<Heredoc> heredocs = new ArrayList<>();
  int startLine;
  int endLine;

  Node(String value, String original, List<String> flags, Node next, boolean json) {
    this.value = value;
    this.original = original;
    this.flags = List.copyOf(flags);
    this.next = next;
    this.json = json;
  }

  static Node of(String value) {
    return new Node(value, "", List.of(), null, false);
  }

  /** The keyword as written (instruction nodes), or an argument value. */
  public String value() {
    return value;
  }

  /** The logical line (continuations joined) this instruction came from; "" for arguments. */
  public String original() {
    return original;
  }

  /** The {@code --flag[=value]} words, quotes removed. */
  public List<String> flags() {
    return flags;
  }

  /** True when the arguments came from a JSON array (exec form). */
  public boolean isJson() {
    return json;
  }

  public Node next() {
    return next;
  }

  public List<Node> children() {
    return Collections.unmodifiableList(children);
  }

  public List<Heredoc> heredocs() {
    return Collections.unmodifiableList(heredocs);
  }

  /** First physical line (1-based). */
  public int startLine() {
    return startLine;
  }

  /** Last physical line consumed, including skipped continuation lines and heredoc bodies. */
  public int endLine() {
    return endLine;
  }

  /** The lowercased keyword, as buildkit dispatches on it. */
  public String keyword() {
    return GoText.toLower(value);
  }

  /** The argument values following this node ({@code next} chain), without ONBUILD children. */
  public List<String> argumentValues() {
    List<String> out = new ArrayList<>();
    for (Node n = next; n != null; n = n.next) {
      out.add(n.value);
    }
    return out;
  }

  /** The wrapped instruction of ONBUILD, or null. */
  public Node subInstruction() {
    return next != null && !next.children.isEmpty() ? next.children.get(0) : null;
  }

  void addChild(Node child, int start, int end) {
    child.startLine = start;
    child.endLine = end;
    if (startLine < 0) {
      startLine = start;
    }
    endLine = end;
    children.add(child);
  }

  /** buildkit's {@code Node.Dump()}: the s-expression form used by its parser tests. */
  public String dump() {
    StringBuilder s = new StringBuilder();
    s.append(GoText.toLower(value));
    if (!flags.isEmpty()) {
      s.append(" [");
      for (int i = 0; i < flags.size(); i++) {
        if (i > 0) {
          s.append(' ');
        }
        s.append(GoText.quote(flags.get(i)));
      }
      s.append(']');
    }
    for (Node child : children) {
      s.append('(').append(child.dump()).append(")\n");
    }
    for (Node n = next; n != null; n = n.next) {
      s.append(' ');
      s.append(n.children.isEmpty() ? GoText.quote(n.value) : n.dump());
    }
    return GoText.trimSpace(s.toString());
  }

  @Override
  public String toString() {
    return dump();
  }
}

package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Type;
import io.kubefile.lang.template.Node.ActionNode;
import io.kubefile.lang.template.Node.BoolNode;
import io.kubefile.lang.template.Node.BranchNode;
import io.kubefile.lang.template.Node.BreakNode;
import io.kubefile.lang.template.Node.ChainNode;
import io.kubefile.lang.template.Node.CommandNode;
import io.kubefile.lang.template.Node.CommentNode;
import io.kubefile.lang.template.Node.ContinueNode;
import io.kubefile.lang.template.Node.DotNode;
import io.kubefile.lang.template.Node.FieldNode;
import io.kubefile.lang.template.Node.IdentifierNode;
import io.kubefile.lang.template.Node.ListNode;
import io.kubefile.lang.template.Node.NilNode;
import io.kubefile.lang.template.Node.NumberNode;
import io.kubefile.lang.template.Node.PipeNode;
import io.kubefile.lang.template.Node.StringNode;
import io.kubefile.lang.template.Node.TemplateNode;
import io.kubefile.lang.template.Node.TextNode;
import io.kubefile.lang.template.Node.VariableNode;
import io.kubefile.lang.template.Parser.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's template executor ({@code text/template/exec.go}) over the value model of {@link
 * GoValues}: the same evaluation order, variable scoping, argument conversion and error texts
 * ({@code template: NAME:LINE:COL: executing "NAME" at <NODE>: ...}). Missing map keys follow
 * {@code missingkey=default}, the only mode sealos uses.
 */
final class Executor {
  /** Go stops at 100000 nested template calls; a Java thread stack does not reach that. */
  static final int MAX_TEMPLATE_DEPTH = 1000;

  private static final RuntimeException BREAK = new ControlFlow();
  private static final RuntimeException CONTINUE = new ControlFlow();

  private static final class ControlFlow extends RuntimeException {
    ControlFlow() {
      super(null, null, false, false);
    }
  }

  private record Variable(String name, Object value) {}

  private final Map<String, Tree> trees;
  private final Map<String, GoFunction> functions;
  private final StringBuilder out;
  private Tree tree;
  private Node node;
  private List<Variable> vars = new ArrayList<>();
  private int depth;
  /** Dot is a range element of a []interface {} or map[string]interface {}: Go's reflect type is interface {}. */
  private boolean dotIsInterface;

  private Executor(Map<String, Tree> trees, Map<String, GoFunction> functions, StringBuilder out) {
    this.trees = trees;
    this.functions = functions;
    this.out = out;
  }

  static void execute(Tree tree, Map<String, Tree> trees, Map<String, GoFunction> functions, Object data,
      StringBuilder out) {
    Executor s = new Executor(trees, functions, out);
    s.tree = tree;
    Object dot = GoValues.normalize(data);
    if (dot == null) {
      dot = GoValues.MISSING;
    }
    s.vars.add(new Variable("$", dot));
    try {
      s.walk(dot, tree.root);
    } catch (StackOverflowError e) {
      throw new TemplateException("template: " + tree.name + ": exceeded maximum template depth ("
          + MAX_TEMPLATE_DEPTH + ")");
    }
  }

  // --- errors

  private TemplateException errorf(String message) {
    String name = tree.name;
    if (node == null) {
      return new TemplateException("template: " + name + ": " + message);
    }
    String before = tree.text.substring(0, Math.min(node.pos, tree.text.length()));
    int newline = before.lastIndexOf('\n');
    int col = byteLength(newline < 0 ? before : before.substring(newline + 1));
    long line = 1 + before.chars().filter(c -> c == '\n').count();
    String context = node.toString();
    return new TemplateException("template: " + tree.parseName + ":" + line + ":" + col + ": executing "
        + GoFormat.quote(name) + " at <" + context + ">: " + message);
  }

  private static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private void at(Node n) {
    node = n;
  }

  // --- variables

  private int mark() {
    return vars.size();
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void push(String name, Object value) {
    vars.add(new Variable(name, value));
  }

  private void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        vars.set(i, new Variable(name, value));
        return;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  private void setTopVar(int n, Object value) {
    int i = vars.size() - n;
    vars.set(i, new Variable(vars.get(i).name(), value));
  }

  private Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        return vars.get(i).value();
      }
    }
    throw errorf("undefined variable: " + name);
  }

  // --- walking

  private void walk(Object dot, Node n) {
    at(n);
    if (n instanceof ActionNode a) {
      Object val = evalPipeline(dot, a.pipe);
      if (a.pipe.decl.isEmpty()) {
        printValue(a, val);
      }
    } else if (n instanceof BreakNode) {
      throw BREAK;
    } else if (n instanceof ContinueNode) {
      throw CONTINUE;
    } else if (n instanceof CommentNode) {
      return;
    } else if (n instanceof BranchNode b) {
      if (b.kind == BranchNode.Kind.RANGE) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(b, dot);
      }
    } else if (n instanceof ListNode list) {
      for (Node child : list.nodes) {
        walk(dot, child);
      }
    } else if (n instanceof TemplateNode t) {
      walkTemplate(dot, t);
    } else if (n instanceof TextNode t) {
      out.append(t.text);
    } else {
      throw errorf("unknown node: " + n);
    }
  }

  private void walkIfOrWith(BranchNode b, Object dot) {
    int mark = mark();
    try {
      Object val = evalPipeline(dot, b.pipe);
      Boolean truth = GoValues.isTrue(val);
      if (truth == null) {
        throw errorf("if/with can't use " + GoFormat.sprint(List.of(val)));
      }
      if (truth && b.kind == BranchNode.Kind.WITH) {
        boolean saved = dotIsInterface;
        dotIsInterface = false;
        try {
          walk(val, b.list);
        } finally {
          dotIsInterface = saved;
        }
      } else if (truth) {
        walk(dot, b.list);
      } else if (b.elseList != null) {
        walk(dot, b.elseList);
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at(r);
    int outer = mark();
    try {
      Object val = evalPipeline(dot, r.pipe);
      rangedOverInterfaces = val instanceof List || (val instanceof Map && !(val instanceof GoValues.StringMap));
      int mark = mark();
      if (val instanceof List<?> list) {
        if (!list.isEmpty()) {
          for (int i = 0; i < list.size(); i++) {
            if (oneIteration(r, (long) i, GoValues.normalize(list.get(i)), mark)) {
              break;
            }
          }
          return;
        }
      } else if (val instanceof Long n) {
        if (r.pipe.decl.size() > 1) {
          throw errorf("can't use " + n + " to iterate over more than one variable");
        }
        if (n > 0) {
          for (long i = 0; i < n; i++) {
            if (oneIteration(r, i, i, mark)) {
              break;
            }
          }
          return;
        }
      } else if (val instanceof Map<?, ?> map) {
        if (!map.isEmpty()) {
          for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
            if (oneIteration(r, e.getKey(), e.getValue(), mark)) {
              break;
            }
          }
          return;
        }
      } else if (val == GoValues.MISSING || val == null) {
        // An invalid value is likely a nil map, etc. Not an error.
      } else {
        throw errorf("range can't iterate over " + GoFormat.sprint(List.of(val)));
      }
      if (r.elseList != null) {
        walk(dot, r.elseList);
      }
    } finally {
      pop(outer);
    }
  }

  @SuppressWarnings("unchecked")
  static TreeMap<String, Object> sorted(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), GoValues.normalize(v)));
    return sorted;
  }

  /** One range iteration; true when the body executed {{break}}. */
  private boolean rangedOverInterfaces;

  private boolean oneIteration(BranchNode r, Object index, Object elem, int mark) {
    List<VariableNode> decl = r.pipe.decl;
    if (!decl.isEmpty()) {
      if (r.pipe.isAssign) {
        setVar(decl.get(0).ident.get(0), decl.size() > 1 ? index : elem);
      } else {
        setTopVar(1, elem);
      }
    }
    if (decl.size() > 1) {
      if (r.pipe.isAssign) {
        setVar(decl.get(1).ident.get(0), elem);
      } else {
        setTopVar(2, index);
      }
    }
    boolean savedDotIsInterface = dotIsInterface;
    dotIsInterface = rangedOverInterfaces;
    try {
      walk(elem, r.list);
    } catch (ControlFlow f) {
      if (f == BREAK) {
        return true;
      }
    } finally {
      dotIsInterface = savedDotIsInterface;
      pop(mark);
    }
    return false;
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at(t);
    Tree target = trees.get(t.name);
    if (target == null) {
      throw errorf("template " + GoFormat.quote(t.name) + " not defined");
    }
    if (depth == MAX_TEMPLATE_DEPTH) {
      throw errorf("exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
    }
    Object newDot = evalPipeline(dot, t.pipe);
    Executor inner = new Executor(trees, functions, out);
    inner.depth = depth + 1;
    inner.tree = target;
    inner.vars.add(new Variable("$", newDot));
    inner.walk(newDot, target.root);
  }

  // --- evaluation

  private Object evalPipeline(Object dot, PipeNode pipe) {
    if (pipe == null) {
      return GoValues.MISSING;
    }
    at(pipe);
    Object value = GoValues.MISSING;
    boolean first = true;
    for (CommandNode cmd : pipe.cmds) {
      value = evalCommand(dot, cmd, first ? NO_FINAL : value);
      first = false;
      if (value == null) {
        value = GoValues.MISSING; // a nil interface{} digs down to an invalid value
      }
    }
    for (VariableNode v : pipe.decl) {
      if (pipe.isAssign) {
        setVar(v.ident.get(0), value);
      } else {
        push(v.ident.get(0), value);
      }
    }
    return value;
  }

  /** Go's missingVal: "no final argument from a previous pipeline stage". */
  private static final Object NO_FINAL = new Object();

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args.get(0);
    if (first instanceof FieldNode f) {
      return evalFieldNode(dot, f, cmd.args, fin);
    }
    if (first instanceof ChainNode c) {
      return evalChainNode(dot, c, cmd.args, fin);
    }
    if (first instanceof IdentifierNode id) {
      return evalFunction(dot, id, cmd, cmd.args, fin);
    }
    if (first instanceof PipeNode p) {
      notAFunction(cmd.args, fin);
      return evalPipeline(dot, p);
    }
    if (first instanceof VariableNode v) {
      return evalVariableNode(dot, v, cmd.args, fin);
    }
    at(first);
    notAFunction(cmd.args, fin);
    if (first instanceof BoolNode b) {
      return b.value;
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw errorf("nil is not a command");
    }
    if (first instanceof NumberNode n) {
      return idealConstant(n);
    }
    if (first instanceof StringNode s) {
      return s.text;
    }
    throw errorf("can't evaluate command " + GoFormat.quote(first.toString()));
  }

  private void notAFunction(List<Node> args, Object fin) {
    if ((args != null && args.size() > 1) || fin != NO_FINAL) {
      throw errorf("can't give argument to non-function " + args.get(0));
    }
  }

  private Object idealConstant(NumberNode c) {
    at(c);
    boolean hexOrRune = c.text.startsWith("'") || c.text.matches("[+-]?0[xX].*");
    if (c.isFloat && !hexOrRune && c.text.matches(".*[.eEpP].*")) {
      return c.float64;
    }
    if (c.isInt) {
      return c.int64;
    }
    if (c.isUint) {
      throw errorf(c.text + " overflows int");
    }
    return GoValues.MISSING;
  }

  private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
    at(field);
    return evalFieldChain(dot, dot, field, field.ident, args, fin, dotIsInterface);
  }

  private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
    at(chain);
    if (chain.node instanceof NilNode) {
      throw errorf("indirection through explicit nil in " + chain);
    }
    Object pipe = evalArg(dot, Type.ANY_UNCONVERTED, chain.node);
    return evalFieldChain(dot, pipe, chain, chain.fields, args, fin, false);
  }

  private Object evalVariableNode(Object dot, VariableNode variable, List<Node> args, Object fin) {
    at(variable);
    Object value = varValue(variable.ident.get(0));
    if (variable.ident.size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, variable, variable.ident.subList(1, variable.ident.size()), args, fin, false);
  }

  private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident, List<Node> args,
      Object fin, boolean receiverIsInterface) {
    int last = ident.size() - 1;
    boolean fromInterface = receiverIsInterface;
    for (int i = 0; i < last; i++) {
      Object container = receiver;
      receiver = evalField(dot, n, ident.get(i), null, NO_FINAL, receiver, fromInterface);
      fromInterface = container instanceof Map && !(container instanceof GoValues.StringMap)
          && !(container instanceof GoTemplate.StructData);
    }
    return evalField(dot, n, ident.get(last), args, fin, receiver, fromInterface);
  }

  /**
   * RECEIVER_IS_INTERFACE: the receiver was read from a map[string]interface {}, so Go's reflect
   * type in "can't evaluate field" is {@code interface {}}, not the dynamic type.
   */
  private Object evalField(Object dot, Node node, String fieldName, List<Node> args, Object fin, Object receiver,
      boolean receiverIsInterface) {
    if (receiver == GoValues.MISSING) {
      return GoValues.MISSING;
    }
    if (receiver == null) {
      throw errorf("nil pointer evaluating interface {}." + fieldName);
    }
    boolean hasArgs = (args != null && args.size() > 1) || fin != NO_FINAL;
    if (receiver instanceof Map<?, ?> map) {
      if (hasArgs) {
        throw errorf(fieldName + " is not a method but has arguments");
      }
      if (!map.containsKey(fieldName)) {
        return GoValues.MISSING;
      }
      return GoValues.normalize(map.get(fieldName));
    }
    if (receiver instanceof GoObject object) {
      GoFunction method = object.methods().get(fieldName);
      if (method != null) {
        return evalCall(dot, method.bind(object), node, fieldName, args, fin);
      }
      if (object.fields().containsKey(fieldName)) {
        if (hasArgs) {
          throw errorf(fieldName + " has arguments but cannot be invoked as function");
        }
        return GoValues.normalize(object.fields().get(fieldName));
      }
    }
    throw errorf("can't evaluate field " + fieldName + " in type "
        + (receiverIsInterface ? "interface {}" : GoValues.typeName(receiver)));
  }

  private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
    at(id);
    GoFunction function = functions.get(id.ident);
    if (function == null) {
      throw errorf(GoFormat.quote(id.ident) + " is not a defined function");
    }
    return evalCall(dot, function, cmd, id.ident, args, fin);
  }

  private Object evalCall(Object dot, GoFunction fun, Node callNode, String name, List<Node> allArgs, Object fin) {
    List<Node> args = allArgs == null ? List.of() : allArgs.subList(1, allArgs.size());
    int numIn = args.size() + (fin != NO_FINAL ? 1 : 0);
    int numParams = fun.params.size();
    int numFixed = args.size();
    if (fun.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) {
        throw errorf("wrong number of args for " + name + ": want at least " + (numParams - 1) + " got "
            + args.size());
      }
    } else if (numIn != numParams) {
      throw errorf("wrong number of args for " + name + ": want " + numParams + " got " + numIn);
    }
    if (fun.builtin && (name.equals("and") || name.equals("or"))) {
      Object v = GoValues.MISSING;
      for (Node arg : args) {
        v = evalArg(dot, Type.VALUE, arg);
        if (GoValues.truth(v) == name.equals("or")) {
          return v;
        }
      }
      if (fin != NO_FINAL) {
        v = fin;
      }
      return v;
    }
    List<Object> argv = new ArrayList<>(numIn);
    int i = 0;
    for (; i < numFixed && i < args.size(); i++) {
      argv.add(evalArg(dot, fun.params.get(i), args.get(i)));
    }
    if (fun.variadic) {
      Type elem = fun.params.get(numParams - 1);
      for (; i < args.size(); i++) {
        argv.add(evalArg(dot, elem, args.get(i)));
      }
    }
    if (fin != NO_FINAL) {
      Type t = fun.params.get(numParams - 1);
      if (fun.variadic && numIn - 1 < numFixed) {
        t = fun.params.get(numIn - 1);
      }
      argv.add(validateType(fin, t));
    }
    try {
      return GoValues.normalize(fun.impl.call(argv));
    } catch (GoFunction.Failure e) {
      at(callNode);
      throw errorf("error calling " + name + ": " + e.getMessage());
    } catch (TemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      at(callNode);
      throw errorf("error calling " + name + ": " + e.getMessage());
    }
  }

  private Object evalArg(Object dot, Type type, Node n) {
    at(n);
    if (n instanceof DotNode) {
      return validateType(dot, type);
    }
    if (n instanceof NilNode) {
      if (canBeNil(type)) {
        return type == Type.VALUE ? null : null;
      }
      throw errorf("cannot assign nil to " + type.goName);
    }
    if (n instanceof FieldNode f) {
      return validateType(evalFieldNode(dot, f, List.of(n), NO_FINAL), type);
    }
    if (n instanceof VariableNode v) {
      return validateType(evalVariableNode(dot, v, null, NO_FINAL), type);
    }
    if (n instanceof PipeNode p) {
      return validateType(evalPipeline(dot, p), type);
    }
    if (n instanceof IdentifierNode id) {
      return validateType(evalFunction(dot, id, id, null, NO_FINAL), type);
    }
    if (n instanceof ChainNode c) {
      return validateType(evalChainNode(dot, c, null, NO_FINAL), type);
    }
    switch (type) {
      case BOOL:
        if (n instanceof BoolNode b) {
          return b.value;
        }
        throw errorf("expected bool; found " + n);
      case FLOAT64:
        if (n instanceof NumberNode num && num.isFloat) {
          return num.float64;
        }
        throw errorf("expected float; found " + n);
      case INT:
      case INT64:
      case DURATION:
        if (n instanceof NumberNode num && num.isInt) {
          return num.int64;
        }
        throw errorf("expected integer; found " + n);
      case UINT32:
        if (n instanceof NumberNode num && num.isUint) {
          if (Long.compareUnsigned(num.uint64, 0xFFFFFFFFL) > 0) {
            throw errorf("expected unsigned integer; found " + n);
          }
          return num.uint64;
        }
        throw errorf("expected unsigned integer; found " + n);
      case STRING:
        if (n instanceof StringNode s) {
          return s.text;
        }
        throw errorf("expected string; found " + n);
      case ANY:
      case ANY_UNCONVERTED:
      case VALUE:
        return evalEmptyInterface(dot, n);
      default:
        throw errorf("can't handle " + n + " for arg of type " + type.goName);
    }
  }

  private Object evalEmptyInterface(Object dot, Node n) {
    at(n);
    if (n instanceof BoolNode b) {
      return b.value;
    }
    if (n instanceof NumberNode num) {
      return idealConstant(num);
    }
    if (n instanceof StringNode s) {
      return s.text;
    }
    throw errorf("can't handle assignment of " + n + " to empty interface argument");
  }

  private static boolean canBeNil(Type type) {
    return type == Type.ANY || type == Type.ANY_UNCONVERTED || type == Type.VALUE || type == Type.MAP
        || type == Type.LIST || type == Type.VERSION;
  }

  /** Go's validateType: a value evaluated from data must be assignable to the parameter type. */
  private Object validateType(Object value, Type type) {
    if (value == GoValues.MISSING) {
      if (type == Type.VALUE || type == Type.ANY_UNCONVERTED) {
        return GoValues.MISSING;
      }
      if (canBeNil(type)) {
        return null;
      }
      throw errorf("invalid value; expected " + type.goName);
    }
    boolean ok;
    switch (type) {
      case ANY:
      case ANY_UNCONVERTED:
      case VALUE:
        return value;
      case STRING:
        ok = value instanceof String;
        break;
      case INT:
      case INT64:
      case UINT32:
      case DURATION:
        ok = value instanceof Long;
        break;
      case TIME:
        ok = value instanceof GoTime;
        break;
      case VERSION:
        ok = value == null || value instanceof SemverValue;
        break;
      case CERTIFICATE:
        ok = value instanceof GoCertificate;
        break;
      case FLOAT64:
        ok = value instanceof Double;
        break;
      case BOOL:
        ok = value instanceof Boolean;
        break;
      case MAP:
        ok = value == null || (value instanceof Map && !(value instanceof GoValues.StringMap));
        break;
      case LIST:
        ok = value == null || value instanceof List;
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw errorf("wrong type for value; expected " + type.goName + "; got "
          + (value == null ? "interface {}" : GoValues.typeName(value)));
    }
    return value;
  }

  private void printValue(Node n, Object v) {
    at(n);
    out.append(GoFormat.printable(v));
  }
}

package io.kubefile.lang.template;

import io.kubefile.lang.template.Node.ActionNode;
import io.kubefile.lang.template.Node.BoolNode;
import io.kubefile.lang.template.Node.BranchNode;
import io.kubefile.lang.template.Node.BreakNode;
import io.kubefile.lang.template.Node.ChainNode;
import io.kubefile.lang.template.Node.CommandNode;
import io.kubefile.lang.template.Node.CommentNode;
import io.kubefile.lang.template.Node.ContinueNode;
import io.kubefile.lang.template.Node.DotNode;
import io.kubefile.lang.template.Node.ElseNode;
import io.kubefile.lang.template.Node.EndNode;
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
import io.kubefile.lang.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's template parser ({@code text/template/parse/parse.go}): the same grammar, the same checks at
 * parse time (unknown functions, undefined variables, break outside range) and the same error
 * texts, {@code template: NAME:LINE: MESSAGE}, with LINE taken from the last token read as Go does.
 * Nesting is bounded ({@link #MAX_DEPTH}) so that a hostile template is an error, not a
 * StackOverflowError.
 */
final class Parser {
  /** Go allows 10000 nested parentheses; Java's default thread stack does not, so we stop earlier. */
  static final int MAX_DEPTH = 1000;

  private final String name;
  private final String text;
  private final Map<String, GoFunction> functions;
  private final Map<String, Tree> treeSet;
  private final List<Token> tokens;
  private int next;
  private final Token[] token = new Token[3];
  private int peekCount;
  private List<String> vars = new ArrayList<>(List.of("$"));
  private int actionLine;
  private int rangeDepth;
  private int depth;

  /** One parsed template: its name, and the text it was parsed from (for error positions). */
  static final class Tree {
    final String name;
    final String parseName;
    final String text;
    final ListNode root;

    Tree(String name, String parseName, String text, ListNode root) {
      this.name = name;
      this.parseName = parseName;
      this.text = text;
      this.root = root;
    }
  }

  private Parser(String name, String text, Map<String, GoFunction> functions, Map<String, Tree> treeSet, List<Token> tokens) {
    this.name = name;
    this.text = text;
    this.functions = functions;
    this.treeSet = treeSet;
    this.tokens = tokens;
  }

  /** Parses text as template NAME, adding it and its {{define}}s to treeSet. */
  static void parse(String name, String text, Map<String, GoFunction> functions, Map<String, Tree> treeSet) {
    List<Token> tokens = Lexer.lex(text, !functions.containsKey("break"), !functions.containsKey("continue"));
    Parser p = new Parser(name, text, functions, treeSet, tokens);
    try {
      ListNode root = p.parseMain();
      p.add(name, root);
    } catch (StackOverflowError e) {
      throw p.error("max expression depth exceeded");
    }
  }

  // --- token buffer, as Go's Tree.next/backup/peek

  private Token lexNext() {
    Token t = tokens.get(Math.min(next, tokens.size() - 1));
    next++;
    return t;
  }

  private Token next() {
    if (peekCount > 0) {
      peekCount--;
    } else {
      token[0] = lexNext();
    }
    return token[peekCount];
  }

  private void backup() {
    peekCount++;
  }

  private void backup2(Token t1) {
    token[1] = t1;
    peekCount = 2;
  }

  private void backup3(Token t2, Token t1) {
    token[1] = t1;
    token[2] = t2;
    peekCount = 3;
  }

  private Token peek() {
    if (peekCount > 0) {
      return token[peekCount - 1];
    }
    peekCount = 1;
    token[0] = lexNext();
    return token[0];
  }

  private Token nextNonSpace() {
    Token t;
    do {
      t = next();
    } while (t.kind() == Kind.SPACE);
    return t;
  }

  private Token peekNonSpace() {
    Token t = nextNonSpace();
    backup();
    return t;
  }

  // --- errors

  private TemplateException error(String message) {
    return new TemplateException("template: " + name + ":" + token[0].line() + ": " + message);
  }

  private Token expect(Kind expected, String context) {
    Token t = nextNonSpace();
    if (t.kind() != expected) {
      throw unexpected(t, context);
    }
    return t;
  }

  private Token expectOneOf(Kind e1, Kind e2, String context) {
    Token t = nextNonSpace();
    if (t.kind() != e1 && t.kind() != e2) {
      throw unexpected(t, context);
    }
    return t;
  }

  private TemplateException unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != t.line()) {
        extra = " in action started at " + name + ":" + actionLine;
        if (t.val().endsWith(" action")) {
          extra = extra.substring(" in action".length());
        }
      }
      return error(t.describe() + extra);
    }
    return error("unexpected " + t.describe() + " in " + context);
  }

  // --- grammar

  private ListNode parseMain() {
    ListNode root = new ListNode(peek().pos());
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
      root.nodes.add(n);
    }
    return root;
  }

  private void parseDefinition() {
    String context = "define clause";
    Token nameToken = expectOneOf(Kind.STRING, Kind.RAW_STRING, context);
    String defined = unquote(nameToken.val());
    expect(Kind.RIGHT_DELIM, context);
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    Node[] end = new Node[1];
    ListNode root = itemList(end);
    if (!(end[0] instanceof EndNode)) {
      throw error("unexpected " + end[0] + " in " + context);
    }
    add(defined, root);
    vars = saved;
  }

  private void add(String treeName, ListNode root) {
    Tree existing = treeSet.get(treeName);
    if (existing == null || isEmptyTree(existing.root)) {
      treeSet.put(treeName, new Tree(treeName, name, text, root));
      return;
    }
    if (!isEmptyTree(root)) {
      throw error("template: multiple definition of template " + GoFormat.quote(treeName));
    }
  }

  static boolean isEmptyTree(Node n) {
    if (n instanceof ListNode list) {
      return list.nodes.stream().allMatch(Parser::isEmptyTree);
    }
    if (n instanceof TextNode t) {
      return t.text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C
          || c == 0x85 || c == 0xA0 || Character.isSpaceChar(c));
    }
    return n instanceof CommentNode;
  }

  private ListNode itemList(Node[] end) {
    enter();
    ListNode list = new ListNode(peekNonSpace().pos());
    while (peekNonSpace().kind() != Kind.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        end[0] = n;
        depth--;
        return list;
      }
      list.nodes.add(n);
    }
    throw error("unexpected EOF");
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("max expression depth exceeded");
    }
  }

  private Node textOrAction() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case TEXT:
        return new TextNode(t.pos(), t.val());
      case LEFT_DELIM:
        actionLine = t.line();
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      case COMMENT:
        return new CommentNode(t.pos(), t.val());
      default:
        throw unexpected(t, "input");
    }
  }

  private Node action() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return breakOrContinue(t, "{{break}}");
      case CONTINUE:
        return breakOrContinue(t, "{{continue}}");
      case ELSE:
        return elseControl();
      case END:
        return new EndNode(expect(Kind.RIGHT_DELIM, "end").pos());
      case IF:
        return branch(BranchNode.Kind.IF, "if");
      case RANGE:
        return branch(BranchNode.Kind.RANGE, "range");
      case TEMPLATE:
        return templateControl();
      case WITH:
        return branch(BranchNode.Kind.WITH, "with");
      default:
        break;
    }
    backup();
    Token first = peek();
    return new ActionNode(first.pos(), first.line(), pipeline("command", Kind.RIGHT_DELIM));
  }

  private Node breakOrContinue(Token keyword, String context) {
    Token t = nextNonSpace();
    if (t.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(t, context);
    }
    if (rangeDepth == 0) {
      throw error(context + " outside {{range}}");
    }
    return keyword.kind() == Kind.BREAK ? new BreakNode(keyword.pos()) : new ContinueNode(keyword.pos());
  }

  private PipeNode pipeline(String context, Kind end) {
    Token first = peekNonSpace();
    PipeNode pipe = new PipeNode(first.pos(), first.line());
    declarations:
    while (true) {
      Token v = peekNonSpace();
      if (v.kind() == Kind.VARIABLE) {
        next();
        Token tokenAfterVariable = peek();
        Token after = peekNonSpace();
        if (after.kind() == Kind.ASSIGN || after.kind() == Kind.DECLARE) {
          pipe.isAssign = after.kind() == Kind.ASSIGN;
          nextNonSpace();
          pipe.decl.add(new VariableNode(v.pos(), v.val()));
          vars.add(v.val());
        } else if (after.kind() == Kind.CHAR && after.val().equals(",")) {
          nextNonSpace();
          pipe.decl.add(new VariableNode(v.pos(), v.val()));
          vars.add(v.val());
          if (context.equals("range") && pipe.decl.size() < 2) {
            Kind k = peekNonSpace().kind();
            if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
              continue declarations;
            }
            throw error("range can only initialize variables");
          }
          throw error("too many declarations in " + context);
        } else if (tokenAfterVariable.kind() == Kind.SPACE) {
          backup3(v, tokenAfterVariable);
        } else {
          backup2(v);
        }
      }
      break;
    }
    while (true) {
      Token t = nextNonSpace();
      if (t.kind() == end) {
        checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.kind()) {
        case BOOL: case CHAR_CONSTANT: case COMPLEX: case DOT: case FIELD: case IDENTIFIER: case NUMBER: case NIL:
        case RAW_STRING: case STRING: case VARIABLE: case LEFT_PAREN:
          backup();
          pipe.cmds.add(command());
          break;
        default:
          throw unexpected(t, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds.isEmpty()) {
      throw error("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds.size(); i++) {
      Node first = pipe.cmds.get(i).args.get(0);
      if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
          || first instanceof NumberNode || first instanceof StringNode) {
        throw error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private Node branch(BranchNode.Kind kind, String context) {
    enter();
    int mark = vars.size();
    try {
      PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth++;
      }
      Node[] next = new Node[1];
      ListNode list = itemList(next);
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth--;
      }
      ListNode elseList = null;
      if (next[0] instanceof ElseNode) {
        if (kind == BranchNode.Kind.IF && peek().kind() == Kind.IF) {
          next();
          elseList = new ListNode(next[0].pos);
          elseList.nodes.add(branch(BranchNode.Kind.IF, "if"));
        } else if (kind == BranchNode.Kind.WITH && peek().kind() == Kind.WITH) {
          next();
          elseList = new ListNode(next[0].pos);
          elseList.nodes.add(branch(BranchNode.Kind.WITH, "with"));
        } else {
          elseList = itemList(next);
          if (!(next[0] instanceof EndNode)) {
            throw error("expected end; found " + next[0]);
          }
        }
      }
      return new BranchNode(kind, pipe.pos, pipe.line, pipe, list, elseList);
    } finally {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
      depth--;
    }
  }

  private Node elseControl() {
    Token p = peekNonSpace();
    if (p.kind() == Kind.IF || p.kind() == Kind.WITH) {
      return new ElseNode(p.pos());
    }
    return new ElseNode(expect(Kind.RIGHT_DELIM, "else").pos());
  }

  private Node blockControl() {
    String context = "block clause";
    Token t = nextNonSpace();
    String blockName = templateName(t, context);
    PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
    List<String> saved = vars;
    int savedRange = rangeDepth;
    vars = new ArrayList<>(List.of("$"));
    rangeDepth = 0;
    Node[] end = new Node[1];
    ListNode root = itemList(end);
    if (!(end[0] instanceof EndNode)) {
      throw error("unexpected " + end[0] + " in " + context);
    }
    add(blockName, root);
    vars = saved;
    rangeDepth = savedRange;
    return new TemplateNode(t.pos(), t.line(), blockName, pipe);
  }

  private Node templateControl() {
    String context = "template clause";
    Token t = nextNonSpace();
    String templateName = templateName(t, context);
    PipeNode pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context, Kind.RIGHT_DELIM);
    }
    return new TemplateNode(t.pos(), t.line(), templateName, pipe);
  }

  private String templateName(Token t, String context) {
    if (t.kind() == Kind.STRING || t.kind() == Kind.RAW_STRING) {
      return unquote(t.val());
    }
    throw unexpected(t, context);
  }

  private CommandNode command() {
    CommandNode cmd = new CommandNode(peekNonSpace().pos());
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        cmd.args.add(operand);
      }
      Token t = next();
      if (t.kind() == Kind.SPACE) {
        continue;
      }
      if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) {
        backup();
      } else if (t.kind() != Kind.PIPE) {
        throw unexpected(t, "operand");
      }
      break;
    }
    if (cmd.args.isEmpty()) {
      throw error("empty command");
    }
    return cmd;
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().kind() == Kind.FIELD) {
      ChainNode chain = new ChainNode(peek().pos(), node);
      while (peek().kind() == Kind.FIELD) {
        chain.fields.add(next().val().substring(1));
      }
      if (node instanceof FieldNode) {
        return new FieldNode(chain.pos, chain.toString());
      }
      if (node instanceof VariableNode) {
        return new VariableNode(chain.pos, chain.toString());
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw error("unexpected . after term " + GoFormat.quote(node.toString()));
      }
      return chain;
    }
    return node;
  }

  private Node term() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case IDENTIFIER:
        GoFunction function = functions.get(t.val());
        if (function == null) {
          throw error("function " + GoFormat.quote(t.val()) + " not defined");
        }
        return new IdentifierNode(t.pos(), t.val());
      case DOT:
        return new DotNode(t.pos());
      case NIL:
        return new NilNode(t.pos());
      case VARIABLE:
        VariableNode v = new VariableNode(t.pos(), t.val());
        if (!vars.contains(v.ident.get(0))) {
          throw error("undefined variable " + GoFormat.quote(v.ident.get(0)));
        }
        return v;
      case FIELD:
        return new FieldNode(t.pos(), t.val());
      case BOOL:
        return new BoolNode(t.pos(), t.val().equals("true"));
      case CHAR_CONSTANT:
      case COMPLEX:
      case NUMBER:
        return number(t);
      case LEFT_PAREN:
        enter();
        PipeNode pipe = pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
        depth--;
        return pipe;
      case STRING:
      case RAW_STRING:
        return new StringNode(t.pos(), t.val(), unquote(t.val()));
      default:
        backup();
        return null;
    }
  }

  private NumberNode number(Token t) {
    NumberNode n = new NumberNode(t.pos(), t.val());
    String s = t.val();
    if (t.kind() == Kind.CHAR_CONSTANT) {
      String unquoted = GoLiterals.unquoteChar(s);
      if (unquoted == null) {
        throw error("malformed character constant: " + s);
      }
      int rune = unquoted.codePointAt(0);
      n.isInt = true;
      n.int64 = rune;
      n.isUint = true;
      n.uint64 = rune;
      n.isFloat = true;
      n.float64 = rune;
      return n;
    }
    if (t.kind() == Kind.COMPLEX || s.endsWith("i")) {
      throw error("complex constants are not supported: " + s);
    }
    Long u = GoLiterals.parseUint(s);
    if (u != null) {
      n.isUint = true;
      n.uint64 = u;
    }
    Long i = GoLiterals.parseInt(s);
    if (i != null) {
      n.isInt = true;
      n.int64 = i;
      if (i == 0) {
        n.isUint = true;
        n.uint64 = 0;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = n.int64;
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Double.parseDouble(Long.toUnsignedString(n.uint64));
    } else {
      Double f = GoLiterals.parseFloat(s);
      if (f != null) {
        if (!s.matches(".*[.eEpP].*")) {
          throw error("integer overflow: " + GoFormat.quote(s));
        }
        n.isFloat = true;
        n.float64 = f;
        if (!n.isInt && (double) (long) f.doubleValue() == f && Math.abs(f) < 9.223372036854776E18) {
          n.isInt = true;
          n.int64 = (long) f.doubleValue();
        }
        if (!n.isUint && f >= 0 && f == Math.floor(f) && f < 1.8446744073709552E19) {
          n.isUint = true;
          n.uint64 = new java.math.BigDecimal(f).toBigInteger().longValue();
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) {
      throw error("illegal number syntax: " + GoFormat.quote(s));
    }
    return n;
  }

  private String unquote(String quoted) {
    String s = GoLiterals.unquote(quoted);
    if (s == null) {
      throw error("invalid syntax");
    }
    return s;
  }
}

package io.kubefile.lang.instructions;

import io.kubefile.lang.go.GoText;
import io.kubefile.lang.parser.Heredoc;
import io.kubefile.lang.parser.Node;
import io.kubefile.lang.parser.ParseException;
import io.kubefile.lang.parser.ParseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns AST nodes into typed instructions: a port of buildkit's {@code instructions/parse.go},
 * with the same argument checks, flag validation and messages. Values stay raw.
 *
 * <p>Deliberate difference: STOPSIGNAL validates its flags (buildkit silently ignores them).
 */
public final class InstructionParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*\\z");
  private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");
  private static final Duration MINIMUM_DURATION = Duration.ofMillis(1);

  private final String fileName;
  private final Node node;
  private final List<String> args;
  private final SourceSpan span;

  private InstructionParser(String fileName, Node node) {
    this.fileName = fileName;
    this.node = node;
    this.args = nodeArgs(node);
    this.span = new SourceSpan(node.startLine(), node.endLine());
  }

  /** Builds the stages of a parsed file. Only ARG may precede the first FROM. */
  public static Kubefile kubefile(ParseResult parsed) throws ParseException {
    List<ArgInstruction> metaArgs = new ArrayList<>();
    List<Instruction> all = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    FromInstruction currentFrom = null;
    List<Instruction> current = new ArrayList<>();
    for (Node child : parsed.ast().children()) {
      Instruction instruction = parse(child, parsed.fileName());
      all.add(instruction);
      if (instruction instanceof FromInstruction from) {
        if (currentFrom != null) {
          stages.add(new Stage(stages.size(), currentFrom, current));
        }
        currentFrom = from;
        current = new ArrayList<>();
      } else if (currentFrom == null) {
        if (!(instruction instanceof ArgInstruction arg)) {
          throw new ParseException(parsed.fileName(), child.startLine(),
              "Only ARG may precede the first FROM (no build stage in current context for "
                  + instruction.keyword() + ")");
        }
        metaArgs.add(arg);
      } else {
        current.add(instruction);
      }
    }
    if (currentFrom != null) {
      stages.add(new Stage(stages.size(), currentFrom, current));
    }
    return new Kubefile(parsed, metaArgs, stages, all);
  }

  /** Converts one instruction node; errors name {@code fileName:startLine}. */
  public static Instruction parse(Node node, String fileName) throws ParseException {
    InstructionParser p = new InstructionParser(fileName, node);
    try {
      return p.parse();
    } catch (Invalid | BuilderFlags.FlagException e) {
      throw new ParseException(fileName, Math.max(node.startLine(), 1), e.getMessage());
    }
  }

  /** buildkit's {@code nodeArgs}: argument values, with ONBUILD's sub-instruction flattened. */
  private static List<String> nodeArgs(Node node) {
    List<String> out = new ArrayList<>();
    for (Node n = node.next(); n != null; n = n.next()) {
      if (n.children().isEmpty()) {
        out.add(n.value());
      } else if (n.children().size() == 1) {
        Node sub = n.children().get(0);
        out.add(sub.value());
        out.addAll(nodeArgs(sub));
      }
    }
    return out;
  }

  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private Instruction parse() throws Invalid, BuilderFlags.FlagException {
    switch (node.keyword()) {
      case "env":
        noFlags();
        return new EnvInstruction(span, node.original(), keyValues("ENV"));
      case "maintainer":
        exactlyOne("MAINTAINER");
        noFlags();
        return new MaintainerInstruction(span, node.original(), args.get(0));
      case "label":
        noFlags();
        return new LabelInstruction(span, node.original(), keyValues("LABEL"));
      case "add":
        return add();
      case "copy":
        return copy();
      case "from":
        return from();
      case "onbuild":
        return onbuild();
      case "workdir":
        exactlyOne("WORKDIR");
        noFlags();
        return new WorkdirInstruction(span, node.original(), args.get(0));
      case "run":
        return run();
      case "cmd":
        noFlags();
        return new CmdInstruction(span, node.original(), commandForm());
      case "entrypoint":
        noFlags();
        return new EntrypointInstruction(span, node.original(), commandForm());
      case "healthcheck":
        return healthcheck();
      case "expose":
        atLeastOne("EXPOSE");
        noFlags();
        return new ExposeInstruction(span, node.original(), args);
      case "user":
        exactlyOne("USER");
        noFlags();
        return new UserInstruction(span, node.original(), args.get(0));
      case "volume":
        return volume();
      case "stopsignal":
        exactlyOne("STOPSIGNAL");
        noFlags();
        return new StopSignalInstruction(span, node.original(), args.get(0));
      case "arg":
        return arg();
      case "shell":
        return shell();
      default:
        throw new Invalid("unknown instruction: " + node.value());
    }
  }

  private void noFlags() throws BuilderFlags.FlagException {
    new BuilderFlags().parse(node.flags());
  }

  private BuilderFlags flags(BuilderFlags declared) throws BuilderFlags.FlagException {
    declared.parse(node.flags());
    return declared;
  }

  private void exactlyOne(String keyword) throws Invalid {
    if (args.size() != 1) {
      throw new Invalid(keyword + " requires exactly one argument");
    }
  }

  private void atLeastOne(String keyword) throws Invalid {
    if (args.isEmpty()) {
      throw new Invalid(keyword + " requires at least one argument");
    }
  }

  /** buildkit's {@code parseKvps}: the parser emits (key, value, separator) triples. */
  private List<KeyValue> keyValues(String keyword) throws Invalid {
    atLeastOne(keyword);
    if (args.size() % 3 != 0) {
      throw new Invalid("Bad input to " + keyword + ", too many arguments");
    }
    List<KeyValue> pairs = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 3) {
      if (args.get(i).isEmpty()) {
        throw new Invalid(keyword + " names can not be blank");
      }
      pairs.add(new KeyValue(args.get(i), args.get(i + 1), args.get(i + 2).isEmpty()));
    }
    return pairs;
  }

  private FromInstruction from() throws Invalid, BuilderFlags.FlagException {
    String stageName = null;
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      stageName = GoText.toLower(args.get(2));
      if (!STAGE_NAME.matcher(stageName).matches()) {
        throw new Invalid("invalid name for build stage: " + GoText.quote(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw new Invalid("FROM requires either one or three arguments");
    }
    BuilderFlags flags = flags(new BuilderFlags().string("platform"));
    return new FromInstruction(span, node.original(), args.get(0), stageName, flags.stringValue("platform"));
  }

  private record SourcesAndDest(List<String> paths, List<HeredocSource> contents, String dest) {}

  private SourcesAndDest sourcesAndDest(String keyword) throws Invalid {
    String dest = args.get(args.size() - 1);
    if (Heredoc.parseMarker(dest) != null) {
      throw new Invalid(keyword + " cannot accept a heredoc as a destination");
    }
    Map<String, Heredoc> bodies = new HashMap<>();
    for (Heredoc h : node.heredocs()) {
      bodies.put(h.name(), h);
    }
    List<String> paths = new ArrayList<>();
    List<HeredocSource> contents = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      Heredoc marker = node.isJson() ? null : Heredoc.parseMarker(src);
      if (marker == null) {
        paths.add(src);
        continue;
      }
      Heredoc body = bodies.get(marker.name());
      String content = body == null ? "" : body.content();
      if (marker.chomp()) {
        content = Heredoc.chompContent(content);
      }
      contents.add(new HeredocSource(marker.name(), content, marker.expand()));
    }
    return new SourcesAndDest(paths, contents, dest);
  }

  private void atLeastTwo(String keyword) throws Invalid {
    if (args.size() < 2) {
      throw new Invalid(keyword + " requires at least two arguments, but only one was provided."
          + " Destination could not be determined");
    }
  }

  private CopyInstruction copy() throws Invalid, BuilderFlags.FlagException {
    atLeastTwo("COPY");
    BuilderFlags flags = flags(new BuilderFlags()
        .string("chown").string("from").string("chmod").bool("link").strings("exclude").bool("parents"));
    SourcesAndDest sd = sourcesAndDest("COPY");
    return new CopyInstruction(span, node.original(), sd.paths(), sd.dest(), sd.contents(), node.isJson(),
        flags.stringValue("from"), flags.stringValue("chown"), flags.stringValue("chmod"), flags.isTrue("link"),
        flags.stringValues("exclude"), flags.isTrue("parents"));
  }

  private AddInstruction add() throws Invalid, BuilderFlags.FlagException {
    atLeastTwo("ADD");
    BuilderFlags flags = flags(new BuilderFlags()
        .string("chown").string("chmod").bool("link").bool("keep-git-dir").string("checksum")
        .strings("exclude").bool("unpack"));
    SourcesAndDest sd = sourcesAndDest("ADD");
    return new AddInstruction(span, node.original(), sd.paths(), sd.dest(), sd.contents(), node.isJson(),
        flags.stringValue("chown"), flags.stringValue("chmod"), flags.stringValue("checksum"),
        flags.isTrue("keep-git-dir"), flags.isTrue("link"), flags.stringValues("exclude"),
        flags.optionalBool("unpack"));
  }

  private OnbuildInstruction onbuild() throws Invalid, BuilderFlags.FlagException {
    if (args.isEmpty()) {
      throw new Invalid("ONBUILD requires at least one argument");
    }
    noFlags();
    String trigger = GoText.toUpper(GoText.trimSpace(args.get(0)));
    if (trigger.equals("ONBUILD")) {
      throw new Invalid("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw new Invalid(trigger + " isn't allowed as an ONBUILD trigger");
    }
    StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""));
    for (Heredoc h : node.heredocs()) {
      expression.append('\n').append(h.content()).append(h.name());
    }
    return new OnbuildInstruction(span, node.original(), expression.toString());
  }

  /** buildkit's {@code handleJSONArgs}: exec form as is, shell form as one joined text. */
  private CommandForm commandForm() {
    if (node.isJson()) {
      return new CommandForm(args, true);
    }
    return new CommandForm(args.isEmpty() ? List.of() : List.of(String.join(" ", args)), false);
  }

  private RunInstruction run() throws Invalid, BuilderFlags.FlagException {
    BuilderFlags flags = flags(new BuilderFlags()
        .strings("mount").string("network").string("security").strings("device"));
    String network = flags.stringValue("network");
    if (network != null && !List.of("default", "none", "host").contains(network)) {
      throw new Invalid("unsupported network mode " + GoText.quote(network));
    }
    String security = flags.stringValue("security");
    if (security != null && !List.of("sandbox", "insecure").contains(security)) {
      throw new Invalid("unsupported security mode " + GoText.quote(security));
    }
    return new RunInstruction(span, node.original(), commandForm(), flags.stringValues("mount"), network,
        security, flags.stringValues("device"), node.heredocs());
  }

  private HealthcheckInstruction healthcheck() throws Invalid, BuilderFlags.FlagException {
    if (args.isEmpty()) {
      throw new Invalid("HEALTHCHECK requires at least one argument");
    }
    String type = GoText.toUpper(args.get(0));
    List<String> rest = args.subList(1, args.size());
    if (type.equals("NONE")) {
      // Like buildkit, HEALTHCHECK NONE does not look at flags.
      if (!rest.isEmpty()) {
        throw new Invalid("HEALTHCHECK NONE takes no arguments");
      }
      return new HealthcheckInstruction(span, node.original(), List.of("NONE"),
          Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }
    BuilderFlags flags = flags(new BuilderFlags()
        .string("interval").string("timeout").string("start-period").string("start-interval").string("retries"));
    if (!type.equals("CMD")) {
      throw new Invalid("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    List<String> command = node.isJson() ? rest : rest.isEmpty() ? List.of() : List.of(String.join(" ", rest));
    if (command.isEmpty()) {
      throw new Invalid("Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    test.add(node.isJson() ? "CMD" : "CMD-SHELL");
    test.addAll(command);
    Duration interval = interval(flags, "interval");
    Duration timeout = interval(flags, "timeout");
    Duration startPeriod = interval(flags, "start-period");
    Duration startInterval = interval(flags, "start-interval");
    int retries = 0;
    String retriesText = flags.stringValue("retries");
    if (retriesText != null && !retriesText.isEmpty()) {
      long value;
      try {
        value = Long.parseLong(retriesText);
      } catch (NumberFormatException e) {
        throw new Invalid("strconv.ParseInt: parsing " + GoText.quote(retriesText) + ": "
            + (retriesText.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
      }
      if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        throw new Invalid("strconv.ParseInt: parsing " + GoText.quote(retriesText) + ": value out of range");
      }
      if (value < 0) {
        throw new Invalid("--retries cannot be negative (" + value + ")");
      }
      retries = (int) value;
    }
    return new HealthcheckInstruction(span, node.original(), test, interval, timeout, startPeriod,
        startInterval, retries);
  }

  private static Duration interval(BuilderFlags flags, String name) throws Invalid {
    String value = flags.stringValue(name);
    if (value == null || value.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = io.kubefile.lang.go.GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new Invalid(e.getMessage());
    }
    if (d.isZero()) {
      return d;
    }
    if (d.compareTo(MINIMUM_DURATION) < 0) {
      throw new Invalid("Interval " + GoText.quote(name) + " cannot be less than 1ms");
    }
    return d;
  }

  private VolumeInstruction volume() throws Invalid, BuilderFlags.FlagException {
    atLeastOne("VOLUME");
    noFlags();
    List<String> volumes = new ArrayList<>();
    for (String v : args) {
      String trimmed = GoText.trimSpace(v);
      if (trimmed.isEmpty()) {
        throw new Invalid("VOLUME specified can not be an empty string");
      }
      volumes.add(trimmed);
    }
    return new VolumeInstruction(span, node.original(), volumes);
  }

  private ArgInstruction arg() throws Invalid, BuilderFlags.FlagException {
    atLeastOne("ARG");
    noFlags();
    List<ArgDefinition> defs = new ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        defs.add(new ArgDefinition(a, null));
      } else {
        if (eq == 0) {
          throw new Invalid("ARG names can not be blank");
        }
        defs.add(new ArgDefinition(a.substring(0, eq), a.substring(eq + 1)));
      }
    }
    return new ArgInstruction(span, node.original(), defs);
  }

  private ShellInstruction shell() throws Invalid, BuilderFlags.FlagException {
    noFlags();
    if (args.isEmpty()) {
      throw new Invalid("SHELL requires at least one argument");
    }
    if (!node.isJson()) {
      throw new Invalid("SHELL requires the arguments to be in JSON form");
    }
    return new ShellInstruction(span, node.original(), args);
  }

}

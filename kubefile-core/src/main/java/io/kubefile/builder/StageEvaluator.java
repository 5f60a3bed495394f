package io.kubefile.builder;

import io.kubefile.context.ContextEscapeException;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.InvalidPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.lang.instructions.AddInstruction;
import io.kubefile.lang.instructions.ArgDefinition;
import io.kubefile.lang.instructions.ArgInstruction;
import io.kubefile.lang.instructions.CmdInstruction;
import io.kubefile.lang.instructions.CommandForm;
import io.kubefile.lang.instructions.CopyInstruction;
import io.kubefile.lang.instructions.EntrypointInstruction;
import io.kubefile.lang.instructions.EnvInstruction;
import io.kubefile.lang.instructions.ExposeInstruction;
import io.kubefile.lang.instructions.FromInstruction;
import io.kubefile.lang.instructions.HealthcheckInstruction;
import io.kubefile.lang.instructions.Instruction;
import io.kubefile.lang.instructions.Kubefile;
import io.kubefile.lang.instructions.LabelInstruction;
import io.kubefile.lang.instructions.MaintainerInstruction;
import io.kubefile.lang.instructions.OnbuildInstruction;
import io.kubefile.lang.instructions.RunInstruction;
import io.kubefile.lang.instructions.ShellInstruction;
import io.kubefile.lang.instructions.Stage;
import io.kubefile.lang.instructions.StopSignalInstruction;
import io.kubefile.lang.instructions.UserInstruction;
import io.kubefile.lang.instructions.VolumeInstruction;
import io.kubefile.lang.instructions.WorkdirInstruction;
import io.kubefile.lang.shell.Env;
import io.kubefile.lang.shell.ShellLexer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a Kubefile's instructions to build stages the way buildkit's dockerfile2llb does: global
 * ARGs only in FROM lines, stage ARGs from their line on with build-arg values winning, every word
 * of one instruction expanded against the environment as it was before that instruction, CMD and
 * ENTRYPOINT never expanded. COPY and ADD are expanded here and handed to a {@link CopyExecutor}.
 */
final class StageEvaluator {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Kubefile kubefile;
  private final Map<String, String> buildArgs;
  private final Platform target;
  private final BaseImageResolver baseImages;
  private final CopyExecutor copier;
  private final Consumer<String> warn;
  private final Consumer<StageState> stageDone;
  private final InstructionWords words;
  private final Set<String> usedBuildArgs = new HashSet<>();
  private BuildProgress progress = BuildProgress.NONE;
  private BaseFilesystem baseFilesystem = image -> new SnapshotTree("image " + image.name());

  /** The file system a stage FROM an image starts with. */
  @FunctionalInterface
  interface BaseFilesystem {
    SnapshotTree of(BaseImage image);
  }

  StageEvaluator withProgress(BuildProgress value) {
    this.progress = value;
    return this;
  }

  StageEvaluator withBaseFilesystem(BaseFilesystem value) {
    this.baseFilesystem = value;
    return this;
  }

  StageEvaluator(Kubefile kubefile, Map<String, String> buildArgs, Platform target,
      BaseImageResolver baseImages, CopyExecutor copier, Consumer<String> warn,
      Consumer<StageState> stageDone) {
    this.stageDone = stageDone;
    this.kubefile = kubefile;
    this.buildArgs = buildArgs;
    this.target = target;
    this.baseImages = baseImages;
    this.copier = copier;
    this.warn = warn;
    this.words = new InstructionWords(new ShellLexer(kubefile.escapeToken()), kubefile.parse().fileName());
  }

  /** Evaluates every stage in order and returns them; the last one is the image. */
  List<StageState> evaluate() throws IOException {
    LinkedHashMap<String, String> globals = new LinkedHashMap<>(PlatformArgs.of(target));
    for (ArgInstruction arg : kubefile.metaArgs()) {
      for (ArgDefinition def : arg.args()) {
        globals.put(def.name(), argValue(def, Env.of(globals), arg, globals));
      }
    }
    buildArgs.forEach((k, v) -> {
      if (PlatformArgs.NAMES.contains(k)) {
        globals.put(k, v);
      }
    });

    List<StageState> stages = new ArrayList<>();
    Map<String, StageState> byName = new LinkedHashMap<>();
    int stageCount = kubefile.stages().size();
    for (Stage stage : kubefile.stages()) {
      int steps = stage.instructions().size() + 1;
      progress.step(new BuildProgress.Step(stage.index() + 1, stageCount, 1, steps, stage.from()));
      StageState state = startStage(stage, globals, stages, byName);
      int step = 1;
      for (Instruction instruction : stage.instructions()) {
        progress.step(new BuildProgress.Step(stage.index() + 1, stageCount, ++step, steps, instruction));
        dispatch(instruction, state, globals);
      }
      stages.add(state);
      stageDone.accept(state);
      if (stage.name() != null) {
        byName.put(stage.name(), state);
      }
    }
    for (String arg : buildArgs.keySet()) {
      if (!usedBuildArgs.contains(arg) && !PlatformArgs.NAMES.contains(arg)) {
        warn.accept("build argument " + arg + " was not consumed by any ARG");
      }
    }
    return stages;
  }

  /**
   * The value an ARG takes, in a stage or before the first FROM alike: the build argument when one
   * is given (it wins over the default, and counts as consumed), else the default expanded against
   * {@code env}, else the value {@code inherited} holds (a global ARG or a platform ARG), possibly null.
   */
  private String argValue(ArgDefinition def, Env env, ArgInstruction at, Map<String, String> inherited) {
    String value = buildArgs.get(def.name());
    if (value != null) {
      usedBuildArgs.add(def.name());
      return value;
    }
    if (def.defaultValue() != null) {
      return words.expand(def.defaultValue(), env, at);
    }
    return inherited.get(def.name());
  }

  private StageState startStage(Stage stage, Map<String, String> globals, List<StageState> stages,
      Map<String, StageState> byName) throws IOException {
    FromInstruction from = stage.from();
    Env globalEnv = Env.of(nonNull(globals));
    String base = words.expand(from.baseName(), globalEnv, from);
    if (base.isEmpty()) {
      throw words.error(from, "base name (" + from.baseName() + ") should not be blank");
    }
    StageState parent = byName.get(base.toLowerCase(Locale.ROOT));
    StageState state;
    if (parent != null) {
      state = new StageState(stage.name(), stage.index(), parent.filesystem.copy("stage " + base));
      state.inheritStage(parent);
    } else if (base.equals("scratch")) {
      state = new StageState(stage.name(), stage.index(), new SnapshotTree("stage " + stageLabel(stage)));
    } else {
      Platform platform = target;
      if (from.platform() != null) {
        try {
          platform = Platform.parse(words.expand(from.platform(), globalEnv, from));
        } catch (InvalidPlatformException e) {
          throw words.error(from, e.getMessage());
        }
      }
      BaseImage image;
      try {
        image = baseImages.resolve(base, platform);
      } catch (BuildException e) {
        throw words.error(from, e.getMessage());
      }
      state = new StageState(stage.name(), stage.index(), baseFilesystem.of(image));
      state.inherit(image.config());
      state.layers.addAll(image.manifest().layers());
      state.baseName = image.name();
      state.baseManifestDigest = image.manifestDescriptor().digest();
      state.baseImage = image;
    }
    if (!state.env.containsKey("PATH")) {
      // buildkit and buildah both give every image a PATH, even FROM scratch.
      LinkedHashMap<String, String> withPath = new LinkedHashMap<>();
      withPath.put("PATH", DEFAULT_PATH);
      withPath.putAll(state.env);
      state.env.clear();
      state.env.putAll(withPath);
    }
    state.expansion.putAll(state.env);
    return state;
  }

  private static String stageLabel(Stage stage) {
    return stage.name() != null ? stage.name() : String.valueOf(stage.index());
  }

  /**
   * Applies one instruction to the stage, like buildkit's dispatch switch: one {@code dispatchX}
   * per instruction. Every word is expanded against {@code env}, the stage's variables as they were
   * before this instruction.
   */
  private void dispatch(Instruction instruction, StageState s, Map<String, String> globals)
      throws IOException {
    Env env = Env.of(nonNull(s.expansion));
    if (instruction instanceof ArgInstruction arg) {
      dispatchArg(arg, s, globals);
    } else if (instruction instanceof EnvInstruction e) {
      dispatchEnv(e, s, env);
    } else if (instruction instanceof LabelInstruction l) {
      dispatchLabel(l, s, env);
    } else if (instruction instanceof WorkdirInstruction w) {
      dispatchWorkdir(w, s, env);
    } else if (instruction instanceof UserInstruction u) {
      s.user = words.expand(u.user(), env, u);
      history(s, "USER " + s.user, true);
    } else if (instruction instanceof ExposeInstruction x) {
      dispatchExpose(x, s, env);
    } else if (instruction instanceof VolumeInstruction v) {
      dispatchVolume(v, s, env);
    } else if (instruction instanceof StopSignalInstruction ss) {
      s.stopSignal = words.expand(ss.signal(), env, ss);
      history(s, "STOPSIGNAL " + s.stopSignal, true);
    } else if (instruction instanceof ShellInstruction sh) {
      s.shell = new ArrayList<>(sh.shell());
      history(s, "SHELL " + GoFormat.quoteList(sh.shell()), true);
    } else if (instruction instanceof HealthcheckInstruction h) {
      dispatchHealthcheck(h, s);
    } else if (instruction instanceof OnbuildInstruction o) {
      s.onBuild.add(o.expression());
      history(s, "ONBUILD " + o.expression(), true);
    } else if (instruction instanceof MaintainerInstruction m) {
      s.author = m.maintainer();
      history(s, "MAINTAINER " + m.maintainer(), true);
    } else if (instruction instanceof CmdInstruction c) {
      dispatchCmd(c, s);
    } else if (instruction instanceof EntrypointInstruction ep) {
      dispatchEntrypoint(ep, s);
    } else if (instruction instanceof RunInstruction r) {
      throw words.error(r, "RUN is not supported: Kubefile builds without a"
          + " container runtime; do this step in init.sh (run when the image is installed) or in a"
          + " base image");
    } else if (instruction instanceof CopyInstruction c) {
      dispatchCopy(c, s, env);
    } else if (instruction instanceof AddInstruction a) {
      dispatchAdd(a, s, env);
    } else {
      throw words.error(instruction, instruction.keyword() + " is not supported");
    }
  }

  /** A stage ARG: visible to later instructions of this stage only; unset (null) stays out of their expansion. */
  private void dispatchArg(ArgInstruction arg, StageState s, Map<String, String> globals) {
    for (ArgDefinition def : arg.args()) {
      String value = argValue(def, Env.of(nonNull(s.expansion)), arg, globals);
      s.args.put(def.name(), value);
      if (value != null) {
        s.expansion.put(def.name(), value);
      }
    }
    history(s, "ARG " + String.join(" ", arg.args().stream().map(a -> a.name()
        + (a.defaultValue() == null ? "" : "=" + a.defaultValue())).toList()), true);
  }

  private void dispatchEnv(EnvInstruction e, StageState s, Env env) {
    List<Map.Entry<String, String>> pairs = words.expandPairs(e.pairs(), env, e);
    history(s, "ENV " + setAll(s.env, pairs), true);
    pairs.forEach(pair -> s.expansion.put(pair.getKey(), pair.getValue()));
  }

  private void dispatchLabel(LabelInstruction l, StageState s, Env env) {
    history(s, "LABEL " + setAll(s.labels, words.expandPairs(l.pairs(), env, l)), true);
  }

  /**
   * Sets each pair in {@code target}, a key set again moving to the end (Go's config keeps the
   * order of the last assignment), and returns the pairs as {@code k=v k=v} for the history.
   */
  private static String setAll(Map<String, String> target, List<Map.Entry<String, String>> pairs) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> pair : pairs) {
      target.remove(pair.getKey());
      target.put(pair.getKey(), pair.getValue());
      parts.add(pair.getKey() + "=" + pair.getValue());
    }
    return String.join(" ", parts);
  }

  private void dispatchWorkdir(WorkdirInstruction w, StageState s, Env env) throws IOException {
    String path = words.expand(w.path(), env, w);
    if (path.isEmpty()) {
      throw words.error(w, "WORKDIR requires a non-empty path");
    }
    s.workingDir = path.startsWith("/") ? PathNames.cleanAbsolute(path)
        : PathNames.cleanAbsolute(s.workdirOrRoot() + "/" + path);
    boolean addedLayer;
    try {
      addedLayer = copier.createWorkdir(s.workingDir, s);
    } catch (BuildException e) {
      throw words.error(w, "WORKDIR failed: " + e.getMessage());
    }
    history(s, "WORKDIR " + s.workingDir, !addedLayer);
  }

  private void dispatchExpose(ExposeInstruction x, StageState s, Env env) {
    for (String word : x.ports()) {
      for (String port : words.expandWords(word, env, x)) {
        for (String spec : PortSpec.expand(port, () -> words.error(x, "invalid port: " + port))) {
          s.exposedPorts.put(spec, Map.of());
        }
      }
    }
    history(s, "EXPOSE " + String.join(" ", s.exposedPorts.keySet()), true);
  }

  private void dispatchVolume(VolumeInstruction v, StageState s, Env env) {
    for (String word : v.volumes()) {
      String volume = words.expand(word, env, v);
      if (volume.isBlank()) {
        throw words.error(v, "VOLUME specified can not be an empty string");
      }
      s.volumes.put(volume, Map.of());
    }
    history(s, "VOLUME " + v.volumes(), true);
  }

  private void dispatchHealthcheck(HealthcheckInstruction h, StageState s) {
    s.healthcheck = new RuntimeConfig.HealthConfig(h.test(), nanos(h.interval()),
        nanos(h.timeout()), nanos(h.startPeriod()), nanos(h.startInterval()), h.retries());
    history(s, "HEALTHCHECK " + GoFormat.quoteList(h.test()), true);
  }

  private void dispatchCmd(CmdInstruction c, StageState s) {
    s.cmd = commandLine(c.command(), s);
    s.argsEscaped = true;
    s.cmdSetInStage = true;
    history(s, "CMD " + GoFormat.quoteList(s.cmd), true);
  }

  /** An ENTRYPOINT resets a CMD inherited from the base (buildkit), not one set earlier in this stage. */
  private void dispatchEntrypoint(EntrypointInstruction ep, StageState s) {
    List<String> value = commandLine(ep.command(), s);
    s.entrypoint = ep.command().execForm() && value.isEmpty() ? null : value;
    if (!s.cmdSetInStage) {
      s.cmd = null;
    }
    history(s, "ENTRYPOINT " + GoFormat.quoteList(value), true);
  }

  private void dispatchCopy(CopyInstruction c, StageState s, Env env) throws IOException {
    if (c.from() != null && c.from().contains("$")) {
      throw words.error(c, "variable expansion is not supported for --from");
    }
    List<String> flags = new ArrayList<>();
    if (c.from() != null) flags.add("--from=" + c.from());
    String chown = words.expandOptional(c.chown(), env, c);
    String chmod = words.expandOptional(c.chmod(), env, c);
    if (chown != null) flags.add("--chown=" + chown);
    if (chmod != null) flags.add("--chmod=" + chmod);
    if (c.link()) flags.add("--link");
    if (c.parents()) flags.add("--parents");
    c.excludes().forEach(x -> flags.add("--exclude=" + x));
    runCopy(new ExpandedCopy("COPY", c.span().startLine(), flags, words.expandEach(c.sources(), env, c),
        words.expand(c.destination(), env, c), words.expandHeredocs(c.heredocSources(), env, c), c.from(),
        chown, chmod, c.excludes(), null, null), s, c);
  }

  private void dispatchAdd(AddInstruction a, StageState s, Env env) throws IOException {
    List<String> flags = new ArrayList<>();
    String chown = words.expandOptional(a.chown(), env, a);
    String chmod = words.expandOptional(a.chmod(), env, a);
    String checksum = words.expandOptional(a.checksum(), env, a);
    if (chown != null) flags.add("--chown=" + chown);
    if (chmod != null) flags.add("--chmod=" + chmod);
    if (checksum != null) flags.add("--checksum=" + checksum);
    if (a.keepGitDir()) flags.add("--keep-git-dir");
    if (a.link()) flags.add("--link");
    if (a.unpack() != null) flags.add("--unpack=" + a.unpack());
    a.excludes().forEach(x -> flags.add("--exclude=" + x));
    runCopy(new ExpandedCopy("ADD", a.span().startLine(), flags, words.expandEach(a.sources(), env, a),
        words.expand(a.destination(), env, a), words.expandHeredocs(a.heredocSources(), env, a), null,
        chown, chmod, a.excludes(), checksum, a.unpack()), s, a);
  }

  private void runCopy(ExpandedCopy copy, StageState s, Instruction instruction) throws IOException {
    try {
      copier.execute(copy, s);
    } catch (BuildException | ContextEscapeException e) {
      throw words.error(instruction, copy.keyword() + " failed: " + e.getMessage());
    }
  }

  /** Exec form verbatim; shell form through SHELL (default /bin/sh -c), never expanded. */
  private static List<String> commandLine(CommandForm form, StageState s) {
    if (form.execForm()) {
      return new ArrayList<>(form.arguments());
    }
    List<String> out = new ArrayList<>(s.shell.isEmpty() ? DEFAULT_SHELL : s.shell);
    out.add(form.shellText());
    return out;
  }

  private static long nanos(java.time.Duration d) {
    return d == null ? 0 : d.toNanos();
  }

  private void history(StageState s, String createdBy, boolean empty) {
    s.history.add(new ImageConfig.History(null, createdBy, null, null, empty));
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }
}

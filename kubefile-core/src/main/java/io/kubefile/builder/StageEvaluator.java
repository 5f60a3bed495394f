package io.kubefile.builder;

import io.kubefile.context.ContextEscapeException;
import io.kubefile.image.ImageConfig;
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
import io.kubefile.lang.instructions.HeredocSource;
import io.kubefile.lang.instructions.Instruction;
import io.kubefile.lang.instructions.KeyValue;
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
import io.kubefile.lang.shell.ShellExpansionException;
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
  private final ShellLexer lexer;
  private final String fileName;
  private final Set<String> usedBuildArgs = new HashSet<>();

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
    this.lexer = new ShellLexer(kubefile.escapeToken());
    this.fileName = kubefile.parse().fileName();
  }

  /** Evaluates every stage in order and returns them; the last one is the image. */
  List<StageState> evaluate() throws IOException {
    LinkedHashMap<String, String> globals = new LinkedHashMap<>(PlatformArgs.of(target));
    for (ArgInstruction arg : kubefile.metaArgs()) {
      for (ArgDefinition def : arg.args()) {
        String value = buildArgs.get(def.name());
        if (value != null) {
          usedBuildArgs.add(def.name());
        } else if (def.defaultValue() != null) {
          value = expand(def.defaultValue(), Env.of(globals), arg);
        } else {
          value = globals.get(def.name());
        }
        globals.put(def.name(), value);
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

  private StageState startStage(Stage stage, Map<String, String> globals, List<StageState> stages,
      Map<String, StageState> byName) throws IOException {
    FromInstruction from = stage.from();
    Env globalEnv = Env.of(nonNull(globals));
    String base = expand(from.baseName(), globalEnv, from);
    if (base.isEmpty()) {
      throw error(from, "base name (" + from.baseName() + ") should not be blank");
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
          platform = Platform.parse(expand(from.platform(), globalEnv, from));
        } catch (IllegalArgumentException e) {
          throw error(from, e.getMessage());
        }
      }
      BaseImage image;
      try {
        image = baseImages.resolve(base, platform);
      } catch (BuildException e) {
        throw error(from, e.getMessage());
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

  private void dispatch(Instruction instruction, StageState s, Map<String, String> globals)
      throws IOException {
    Env env = Env.of(nonNull(s.expansion));
    if (instruction instanceof ArgInstruction arg) {
      for (ArgDefinition def : arg.args()) {
        String value = buildArgs.get(def.name());
        if (value != null) {
          usedBuildArgs.add(def.name());
        } else if (def.defaultValue() != null) {
          value = expand(def.defaultValue(), Env.of(nonNull(s.expansion)), arg);
        } else {
          value = globals.get(def.name());
        }
        s.args.put(def.name(), value);
        if (value != null) {
          s.expansion.put(def.name(), value);
        }
      }
      history(s, "ARG " + String.join(" ", arg.args().stream().map(a -> a.name()
          + (a.defaultValue() == null ? "" : "=" + a.defaultValue())).toList()), true);
    } else if (instruction instanceof EnvInstruction e) {
      List<String> parts = new ArrayList<>();
      for (KeyValue kv : e.pairs()) {
        String key = expand(kv.key(), env, e);
        String value = expand(kv.value(), env, e);
        s.env.remove(key);
        s.env.put(key, value);
        s.expansion.put(key, value);
        parts.add(key + "=" + value);
      }
      history(s, "ENV " + String.join(" ", parts), true);
    } else if (instruction instanceof LabelInstruction l) {
      List<String> parts = new ArrayList<>();
      for (KeyValue kv : l.pairs()) {
        String key = expand(kv.key(), env, l);
        String value = expand(kv.value(), env, l);
        s.labels.remove(key);
        s.labels.put(key, value);
        parts.add(key + "=" + value);
      }
      history(s, "LABEL " + String.join(" ", parts), true);
    } else if (instruction instanceof WorkdirInstruction w) {
      String path = expand(w.path(), env, w);
      if (path.isEmpty()) {
        throw error(w, "WORKDIR requires a non-empty path");
      }
      s.workingDir = path.startsWith("/") ? PathNames.cleanAbsolute(path)
          : PathNames.cleanAbsolute(s.workdirOrRoot() + "/" + path);
      boolean addedLayer;
      try {
        addedLayer = copier.createWorkdir(s.workingDir, s);
      } catch (BuildException e) {
        throw error(w, "WORKDIR failed: " + e.getMessage());
      }
      history(s, "WORKDIR " + s.workingDir, !addedLayer);
    } else if (instruction instanceof UserInstruction u) {
      s.user = expand(u.user(), env, u);
      history(s, "USER " + s.user, true);
    } else if (instruction instanceof ExposeInstruction x) {
      for (String word : x.ports()) {
        for (String port : expandWords(word, env, x)) {
          for (String spec : PortSpec.expand(port, () -> error(x, "invalid port: " + port))) {
            s.exposedPorts.put(spec, Map.of());
          }
        }
      }
      history(s, "EXPOSE " + String.join(" ", s.exposedPorts.keySet()), true);
    } else if (instruction instanceof VolumeInstruction v) {
      for (String word : v.volumes()) {
        String volume = expand(word, env, v);
        if (volume.isBlank()) {
          throw error(v, "VOLUME specified can not be an empty string");
        }
        s.volumes.put(volume, Map.of());
      }
      history(s, "VOLUME " + v.volumes(), true);
    } else if (instruction instanceof StopSignalInstruction ss) {
      s.stopSignal = expand(ss.signal(), env, ss);
      history(s, "STOPSIGNAL " + s.stopSignal, true);
    } else if (instruction instanceof ShellInstruction sh) {
      s.shell = new ArrayList<>(sh.shell());
      history(s, "SHELL " + GoFormat.quoteList(sh.shell()), true);
    } else if (instruction instanceof HealthcheckInstruction h) {
      s.healthcheck = new RuntimeConfig.HealthConfig(h.test(), nanos(h.interval()),
          nanos(h.timeout()), nanos(h.startPeriod()), nanos(h.startInterval()), h.retries());
      history(s, "HEALTHCHECK " + GoFormat.quoteList(h.test()), true);
    } else if (instruction instanceof OnbuildInstruction o) {
      s.onBuild.add(o.expression());
      history(s, "ONBUILD " + o.expression(), true);
    } else if (instruction instanceof MaintainerInstruction m) {
      s.author = m.maintainer();
      history(s, "MAINTAINER " + m.maintainer(), true);
    } else if (instruction instanceof CmdInstruction c) {
      s.cmd = commandLine(c.command(), s);
      s.argsEscaped = true;
      s.cmdSetInStage = true;
      history(s, "CMD " + GoFormat.quoteList(s.cmd), true);
    } else if (instruction instanceof EntrypointInstruction ep) {
      List<String> value = commandLine(ep.command(), s);
      s.entrypoint = ep.command().execForm() && value.isEmpty() ? null : value;
      if (!s.cmdSetInStage) {
        s.cmd = null;
      }
      history(s, "ENTRYPOINT " + GoFormat.quoteList(value), true);
    } else if (instruction instanceof RunInstruction r) {
      throw error(r, "RUN is not supported: Kubefile builds without a"
          + " container runtime; do this step in init.sh (run when the image is installed) or in a"
          + " base image");
    } else if (instruction instanceof CopyInstruction c) {
      if (c.from() != null && c.from().contains("$")) {
        throw error(c, "variable expansion is not supported for --from");
      }
      List<String> flags = new ArrayList<>();
      if (c.from() != null) flags.add("--from=" + c.from());
      String chown = c.chown() == null ? null : expand(c.chown(), env, c);
      String chmod = c.chmod() == null ? null : expand(c.chmod(), env, c);
      if (chown != null) flags.add("--chown=" + chown);
      if (chmod != null) flags.add("--chmod=" + chmod);
      if (c.link()) flags.add("--link");
      if (c.parents()) flags.add("--parents");
      c.excludes().forEach(x -> flags.add("--exclude=" + x));
      runCopy(new ExpandedCopy("COPY", c.span().startLine(), flags, expandEach(c.sources(), env, c),
          expand(c.destination(), env, c), expandHeredocs(c.heredocSources(), env, c), c.from(),
          chown, chmod, c.excludes(), null, null), s, c);
    } else if (instruction instanceof AddInstruction a) {
      List<String> flags = new ArrayList<>();
      String chown = a.chown() == null ? null : expand(a.chown(), env, a);
      String chmod = a.chmod() == null ? null : expand(a.chmod(), env, a);
      String checksum = a.checksum() == null ? null : expand(a.checksum(), env, a);
      if (chown != null) flags.add("--chown=" + chown);
      if (chmod != null) flags.add("--chmod=" + chmod);
      if (checksum != null) flags.add("--checksum=" + checksum);
      if (a.keepGitDir()) flags.add("--keep-git-dir");
      if (a.link()) flags.add("--link");
      if (a.unpack() != null) flags.add("--unpack=" + a.unpack());
      a.excludes().forEach(x -> flags.add("--exclude=" + x));
      runCopy(new ExpandedCopy("ADD", a.span().startLine(), flags, expandEach(a.sources(), env, a),
          expand(a.destination(), env, a), expandHeredocs(a.heredocSources(), env, a), null,
          chown, chmod, a.excludes(), checksum, a.unpack()), s, a);
    } else {
      throw error(instruction, instruction.keyword() + " is not supported");
    }
  }

  private void runCopy(ExpandedCopy copy, StageState s, Instruction instruction) throws IOException {
    try {
      copier.execute(copy, s);
    } catch (BuildException | ContextEscapeException e) {
      throw error(instruction, copy.keyword() + " failed: " + e.getMessage());
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

  private List<HeredocSource> expandHeredocs(List<HeredocSource> heredocs, Env env, Instruction at) {
    List<HeredocSource> out = new ArrayList<>();
    for (HeredocSource h : heredocs) {
      String content = h.content();
      if (h.expand()) {
        try {
          content = lexer.withRawQuotes(true).withRawEscapes(true).processWord(content, env);
        } catch (ShellExpansionException e) {
          throw error(at, e.getMessage());
        }
      }
      out.add(new HeredocSource(h.path(), content, h.expand()));
    }
    return out;
  }

  private List<String> expandEach(List<String> words, Env env, Instruction at) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(expand(w, env, at));
    }
    return out;
  }

  private String expand(String word, Env env, Instruction at) {
    try {
      return lexer.processWord(word, env);
    } catch (ShellExpansionException e) {
      throw error(at, e.getMessage());
    }
  }

  private List<String> expandWords(String word, Env env, Instruction at) {
    try {
      return lexer.processWords(word, env);
    } catch (ShellExpansionException e) {
      throw error(at, e.getMessage());
    }
  }

  private BuildException error(Instruction at, String message) {
    return new BuildException(fileName + ":" + at.span().startLine() + ": " + message);
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

package io.kubefile.builder;

import io.kubefile.image.Digest;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.RuntimeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one build stage has accumulated so far: the runtime config being written, the build
 * variables (ARGs) in scope, the layers, the history, and the stage's file system as a snapshot.
 * Mutable on purpose: instructions are applied to it one after another, like buildkit's dispatchState.
 */
final class StageState {
  final String name;
  final int index;
  final SnapshotTree filesystem;

  String user;
  final Map<String, Map<String, Object>> exposedPorts = new LinkedHashMap<>();
  /** Env in config order; keys are case-sensitive as on Linux. */
  final LinkedHashMap<String, String> env = new LinkedHashMap<>();
  List<String> entrypoint;
  List<String> cmd;
  final Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
  String workingDir;
  final LinkedHashMap<String, String> labels = new LinkedHashMap<>();
  String stopSignal;
  boolean argsEscaped;
  RuntimeConfig.HealthConfig healthcheck;
  final List<String> onBuild = new ArrayList<>();
  List<String> shell = new ArrayList<>();

  /** Build arguments declared in this stage, with their values (null when declared unset). */
  final LinkedHashMap<String, String> args = new LinkedHashMap<>();
  /** What words are expanded against: base and ENV values, and ARGs that have a value. */
  final LinkedHashMap<String, String> expansion = new LinkedHashMap<>();
  String author;
  BaseImage baseImage;

  /** Whether a CMD has appeared in this stage (an ENTRYPOINT then keeps it). */
  boolean cmdSetInStage;

  final List<Descriptor> layers = new ArrayList<>();
  final List<Digest> diffIds = new ArrayList<>();
  final List<ImageConfig.History> history = new ArrayList<>();

  String baseName;
  Digest baseManifestDigest;

  StageState(String name, int index, SnapshotTree filesystem) {
    this.name = name;
    this.index = index;
    this.filesystem = filesystem;
  }

  /** Starts from a base image's config, as FROM does. */
  void inherit(ImageConfig base) {
    RuntimeConfig c = base.config();
    user = c.user();
    exposedPorts.putAll(c.exposedPorts());
    for (String kv : c.env()) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      } else {
        env.put(kv, "");
      }
    }
    entrypoint = c.entrypoint();
    cmd = c.cmd();
    volumes.putAll(c.volumes());
    workingDir = c.workingDir();
    labels.putAll(c.labels());
    stopSignal = c.stopSignal();
    argsEscaped = c.argsEscaped();
    healthcheck = c.healthcheck();
    shell = new ArrayList<>(c.shell());
    diffIds.addAll(base.rootfs().diffIds());
    history.addAll(base.history());
  }

  /** Inherits everything from an earlier stage used as this stage's base. */
  void inheritStage(StageState parent) {
    user = parent.user;
    exposedPorts.putAll(parent.exposedPorts);
    env.putAll(parent.env);
    entrypoint = parent.entrypoint;
    cmd = parent.cmd;
    volumes.putAll(parent.volumes);
    workingDir = parent.workingDir;
    labels.putAll(parent.labels);
    stopSignal = parent.stopSignal;
    argsEscaped = parent.argsEscaped;
    healthcheck = parent.healthcheck;
    onBuild.addAll(parent.onBuild);
    shell = new ArrayList<>(parent.shell);
    args.putAll(parent.args);
    layers.addAll(parent.layers);
    diffIds.addAll(parent.diffIds);
    history.addAll(parent.history);
    expansion.putAll(parent.expansion);
    author = parent.author;
    baseImage = parent.baseImage;
    baseName = parent.baseName;
    baseManifestDigest = parent.baseManifestDigest;
  }

  RuntimeConfig toRuntimeConfig() {
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    return new RuntimeConfig(user, new LinkedHashMap<>(exposedPorts), envList, entrypoint, cmd,
        new LinkedHashMap<>(volumes), workingDir, new LinkedHashMap<>(labels), stopSignal,
        argsEscaped, healthcheck, new ArrayList<>(onBuild), new ArrayList<>(shell));
  }

  /** The current working directory, "/" by default. */
  String workdirOrRoot() {
    return workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
  }
}

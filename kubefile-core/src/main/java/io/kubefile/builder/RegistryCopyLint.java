package io.kubefile.builder;

import io.kubefile.context.GoFilepathMatch;
import io.kubefile.lang.instructions.AddInstruction;
import io.kubefile.lang.instructions.CopyInstruction;
import io.kubefile.lang.instructions.Instruction;
import io.kubefile.lang.instructions.Kubefile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks that saved images reach the image: images saved into registry/ that no instruction
 * copies never get to the cluster, and a Kubefile that copies registry/ when nothing was saved
 * fails upstream with a confusing missing-path error; here the directory is created empty instead.
 */
final class RegistryCopyLint {
  static final String REGISTRY = "registry";

  private RegistryCopyLint() {}

  /** Warns, and creates an empty registry/ when the Kubefile copies a missing one. */
  static void check(Path context, Kubefile kubefile, int savedImages, Consumer<String> warn) throws IOException {
    boolean copied = copiesRegistry(kubefile);
    Path registry = context.resolve(REGISTRY);
    if (savedImages > 0 && !copied) {
      warn.accept(savedImages + " images were saved into " + REGISTRY + "/, but no COPY or ADD copies "
          + REGISTRY + ": the cluster will not get them (add: COPY registry registry)");
    }
    if (copied && !Files.exists(registry) && explicitlyNamesRegistry(kubefile)) {
      Files.createDirectories(registry);
      warn.accept("no image was saved, so " + REGISTRY + "/ did not exist; created it empty for the COPY");
    }
  }

  /** Whether some context COPY/ADD takes registry/, by name, by wildcard or as part of the context root. */
  static boolean copiesRegistry(Kubefile kubefile) {
    for (Instruction instruction : kubefile.instructions()) {
      for (String source : contextSources(instruction)) {
        String clean = PathNames.cleanRelative(source);
        if (clean.isEmpty() || clean.equals(REGISTRY) || clean.startsWith(REGISTRY + "/")) {
          return true;
        }
        String first = clean.split("/")[0];
        if (PathNames.hasWildcard(first) && GoFilepathMatch.matches(first, REGISTRY)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean explicitlyNamesRegistry(Kubefile kubefile) {
    for (Instruction instruction : kubefile.instructions()) {
      for (String source : contextSources(instruction)) {
        String clean = PathNames.cleanRelative(source);
        if (clean.equals(REGISTRY) || clean.startsWith(REGISTRY + "/")) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> contextSources(Instruction instruction) {
    if (instruction instanceof CopyInstruction copy && copy.from() == null) {
      return copy.sources();
    }
    if (instruction instanceof AddInstruction add) {
      return add.sources();
    }
    return List.of();
  }
}

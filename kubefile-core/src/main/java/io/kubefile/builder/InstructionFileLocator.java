package io.kubefile.builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the instruction file of a context: {@code -f} if given, else the first of Sealfile,
 * Kubefile, Dockerfile, Containerfile. Upstream sealos passes every one that exists and buildah
 * concatenates them, which silently builds two files as one (SEALOS_COMPAT §9.6); we build the first
 * and warn naming the others.
 */
public final class InstructionFileLocator {
  public static final List<String> DEFAULT_NAMES =
      List.of("Sealfile", "Kubefile", "Dockerfile", "Containerfile");

  private InstructionFileLocator() {}

  public static Path locate(Path context, Path explicit, Consumer<String> warn) {
    if (explicit != null) {
      Path file = explicit.isAbsolute() ? explicit : resolveExplicit(context, explicit);
      if (!Files.isRegularFile(file)) {
        throw new BuildException("instruction file " + explicit + " not found");
      }
      return file;
    }
    List<Path> found = new ArrayList<>();
    for (String name : DEFAULT_NAMES) {
      Path candidate = context.resolve(name);
      if (Files.isRegularFile(candidate)) {
        found.add(candidate);
      }
    }
    if (found.isEmpty()) {
      throw new BuildException("cannot find any of " + DEFAULT_NAMES + " in context directory " + context);
    }
    if (found.size() > 1) {
      warn.accept("building " + found.get(0).getFileName() + "; ignoring "
          + found.subList(1, found.size()).stream().map(p -> p.getFileName().toString()).toList()
          + " (sealos would concatenate them; pass -f to choose)");
    }
    return found.get(0);
  }

  /** A relative -f is taken from the working directory, as buildah does, else from the context. */
  private static Path resolveExplicit(Path context, Path explicit) {
    Path fromCwd = explicit.toAbsolutePath();
    return Files.exists(fromCwd) ? fromCwd : context.resolve(explicit);
  }
}

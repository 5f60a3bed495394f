package io.kubefile.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code [CONTEXT]}: the build directory {@code build} and {@code registry save} work on. */
public final class ContextDirectory {
  @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", description = "Build directory (default: .).")
  Path context;

  /** The directory given, else the working directory. */
  Path path() {
    return context != null ? context : Path.of(".");
  }
}

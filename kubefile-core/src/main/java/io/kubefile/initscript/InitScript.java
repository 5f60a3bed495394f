package io.kubefile.initscript;

import io.kubefile.files.FileTrees;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code bash init.sh <arch> <name> <version> [args...]}, the labring cluster-image convention for
 * preparing a build directory, run in a copy-on-write working copy of the context so that the
 * user's directory is left exactly as it was. Each platform gets its own run and its own copy, so
 * each platform's image holds what its own run produced.
 */
public final class InitScript {
  /** The script's name in the context, as the cluster-image repositories use it. */
  public static final String FILE_NAME = "init.sh";
  /** How much of a failed run's output goes into the error message. */
  private static final int OUTPUT_LINES_IN_ERROR = 40;

  private final Path context;
  private final String name;
  private final String version;
  private final List<String> extraArgs;

  private InitScript(Path context, String name, String version, List<String> extraArgs) {
    this.context = context;
    this.name = name;
    this.version = version;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * The script of {@code context}, given {@code <name>} and {@code <version>} from {@code tag} (the
   * build's first {@code -t}: its last path component and its tag), then {@code extraArgs}.
   */
  public static InitScript forContext(Path context, String tag, List<String> extraArgs) {
    Path absolute = context.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute.resolve(FILE_NAME))) {
      throw new InitScriptException("--init: there is no " + FILE_NAME + " in " + absolute);
    }
    if (tag == null) {
      throw new InitScriptException("--init needs a name for init.sh's <name> and <version>"
          + " arguments: give the image one with -t NAME:VERSION");
    }
    ImageReference reference = ImageReference.parse(tag); // an invalid tag: InvalidReferenceException quoting it
    String repository = reference.repository();
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    String version = reference.tag().orElse(ImageReference.DEFAULT_TAG);
    return new InitScript(absolute, name, version, extraArgs);
  }

  /** The arguments init.sh gets for {@code platform}. */
  public List<String> arguments(Platform platform) {
    List<String> args = new ArrayList<>(List.of(platform.architecture(), name, version));
    args.addAll(extraArgs);
    return args;
  }

  /**
   * Runs the script for {@code platform} and returns the working copy holding the context as the
   * script left it, in {@code workArea}: a directory that does not exist yet, on the file system
   * the copy should live on (the store's temporary area); closing the copy deletes it. {@code
   * output} receives each line the script prints.
   */
  public WorkingCopy run(Platform platform, Path workArea, Consumer<String> output) throws IOException {
    Files.createDirectory(workArea);
    WorkingCopy copy = new WorkingCopy(context, workArea, workArea.resolve("context"));
    try {
      runIn(platform, workArea, output);
      return copy;
    } catch (IOException | RuntimeException e) {
      copy.close();
      throw e;
    }
  }

  private void runIn(Platform platform, Path workArea, Consumer<String> output) throws IOException {
    Path scratch = Files.createDirectories(workArea.resolve("overlay"));
    Path result = workArea.resolve("context");
    List<String> command = new ArrayList<>(List.of("bash", FILE_NAME));
    command.addAll(arguments(platform));
    OverlayRun.Outcome outcome;
    try {
      outcome = OverlayRun.run(context, scratch, result, command, output);
    } finally {
      FileTrees.delete(scratch);
    }
    if (outcome.exitCode() != 0) {
      throw new InitScriptException(failure(platform, outcome));
    }
  }

  private String failure(Platform platform, OverlayRun.Outcome outcome) {
    List<String> lines = outcome.output();
    StringBuilder message = new StringBuilder(context.resolve(FILE_NAME) + " failed for "
        + platform + " (bash init.sh " + String.join(" ", arguments(platform)) + ", exit code "
        + outcome.exitCode() + ")");
    if (lines.isEmpty()) {
      return message.append(" and printed nothing").toString();
    }
    int from = Math.max(0, lines.size() - OUTPUT_LINES_IN_ERROR);
    message.append(from > 0 ? "; the last " + OUTPUT_LINES_IN_ERROR + " lines of its output:" : "; its output:");
    for (String line : lines.subList(from, lines.size())) {
      message.append("\n  ").append(line);
    }
    return message.toString();
  }
}

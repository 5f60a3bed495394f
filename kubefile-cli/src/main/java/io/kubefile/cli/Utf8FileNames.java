package io.kubefile.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File names are bytes, and the JVM turns them into Strings with the charset of the locale it
 * started in ({@code sun.jnu.encoding}, fixed at start-up, not settable later). Without a locale
 * (LANG/LC_ALL unset, common in CI and containers) that is ASCII, and every non-ASCII file name fails
 * the build; under UTF-8 the same context builds. So that a build gives the same layer whatever the
 * locale, Kubefile started without a UTF-8 locale runs itself again under {@code C.UTF-8}, which only
 * changes how names are decoded. The {@code ./kubefile} launcher sets it already, so only
 * {@code java -jar} users pay the second start.
 */
final class Utf8FileNames {
  static final String REEXEC_MARKER = "KUBEFILE_UTF8_REEXEC";

  private Utf8FileNames() {}

  /** Whether this JVM decodes file names with a charset other than UTF-8 and has not tried again yet. */
  static boolean needsRestart() {
    String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
    return !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")
        && System.getenv(REEXEC_MARKER) == null;
  }

  /** Runs the same command in a JVM started under C.UTF-8 and returns its exit status. */
  static int restart(String[] args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), KubefileCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.environment().put(REEXEC_MARKER, "1");
    try {
      Process child = builder.start();
      Thread forwardTermination = new Thread(child::destroy, "stop-utf8-child"); // SIGTERM on ours → SIGTERM on it
      Runtime.getRuntime().addShutdownHook(forwardTermination);
      int status = child.waitFor();
      try {
        Runtime.getRuntime().removeShutdownHook(forwardTermination);
      } catch (IllegalStateException e) {
        // shutting down already
      }
      return status;
    } catch (java.io.IOException e) {
      return -1; // cannot start a second JVM: go on in this one, file-name errors will say what failed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }
}

package io.kubefile.save;

import io.kubefile.KubefileException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A save that did not store every image: either refused before writing anything (a repository
 * collision), or finished with the images that could be stored and these failures.
 */
public final class RegistrySaveException extends KubefileException {
  private final SaveReport report;

  RegistrySaveException(String message, SaveReport report, Throwable cause) {
    super(message, cause);
    this.report = report;
  }

  static RegistrySaveException ofFailures(SaveReport report) {
    List<SaveFailure> failures = report.failures();
    String message = failures.size() + " of " + (failures.size() + report.saved().size())
        + " images could not be saved into registry/:\n  "
        + failures.stream().map(SaveFailure::message).collect(Collectors.joining("\n  "));
    return new RegistrySaveException(message, report, null);
  }

  /** The images saved and the failures; empty when the save was refused before writing. */
  public SaveReport report() {
    return report;
  }

  public List<SaveFailure> failures() {
    return report.failures();
  }
}

package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import io.kubefile.image.ImageReference.InvalidReferenceException;
import java.util.List;

/** Applies {@link ImageLineRule} to the lines of one text and records what it finds. */
final class LineScanner {
  private final ImageCollector collector;

  LineScanner(ImageCollector collector) {
    this.collector = collector;
  }

  /**
   * Scans {@code lines}, recording references under {@code file} (context-relative) with 1-based line
   * numbers offset by {@code firstLine - 1}. Empty values ({@code image:} opening a nested mapping) are
   * neither images nor worth reporting.
   */
  void scan(String file, int firstLine, List<String> lines, SourceKind kind) {
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = firstLine + i;
      ImageLineRule.candidate(lines.get(i))
          .filter(value -> !value.isEmpty())
          .ifPresent(value -> record(file, lineNumber, value, kind));
    }
  }

  private void record(String file, int line, String value, SourceKind kind) {
    try {
      ImageReference reference = ImageReference.parse(value);
      collector.add(ImageLocation.registry(reference), new ImageSource(file, line, kind, value));
    } catch (InvalidReferenceException e) {
      collector.ignore(new IgnoredLine(file, line, value, reasonOf(e)));
    }
  }

  private static String reasonOf(InvalidReferenceException e) {
    String message = e.getMessage();
    int colon = message.indexOf("\": ");
    return colon < 0 ? message : message.substring(colon + 3);
  }
}

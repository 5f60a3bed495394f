package io.kubefile.discovery;

/**
 * One place an image was found.
 *
 * @param file path relative to the build context, with {@code /} separators. For charts it is the template
 *     inside the chart entry, e.g. {@code charts/mychart/templates/deployment.yaml} or {@code
 *     charts/mychart/charts/common/templates/x.yaml} for a vendored subchart
 * @param line 1-based line number; for charts, the line within that template's rendered output
 * @param kind which of the context's image sources this is
 * @param text the reference as written (after trimming and removing one pair of quotes)
 */
public record ImageSource(String file, int line, SourceKind kind, String text) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}

package io.kubefile.discovery;

/**
 * A line that mentions {@code image:} but whose value is not a valid reference (a template expression, a
 * trailing comment, an uppercase name). Upstream drops these silently; we report them for {@code --verbose}.
 *
 * @param file path relative to the build context
 * @param line 1-based line number
 * @param text the value after {@code image:}
 * @param reason why it is not a reference
 */
public record IgnoredLine(String file, int line, String text, String reason) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + text + " (" + reason + ")";
  }
}

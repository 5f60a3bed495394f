package io.kubefile.lang.instructions;

/** The physical lines (1-based, inclusive) an instruction was written on. */
public record SourceSpan(int startLine, int endLine) {
  @Override
  public String toString() {
    return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
  }
}

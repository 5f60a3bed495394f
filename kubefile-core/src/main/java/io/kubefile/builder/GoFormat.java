package io.kubefile.builder;

import io.kubefile.lang.go.GoText;
import java.util.List;
import java.util.stream.Collectors;

/** Go's {@code %q} of a string slice, the form buildkit writes commands in image history. */
final class GoFormat {
  private GoFormat() {}

  static String quoteList(List<String> values) {
    if (values == null) {
      return "[]";
    }
    return values.stream().map(GoText::quote).collect(Collectors.joining(" ", "[", "]"));
  }
}

package io.kubefile.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EXPOSE port specs as Docker's nat.ParsePortSpecs reads them: {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}. */
final class PortSpec {
  private static final Pattern SPEC = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?", Pattern.CASE_INSENSITIVE);

  private PortSpec() {}

  static List<String> expand(String text, Supplier<BuildException> invalid) {
    Matcher m = SPEC.matcher(text);
    if (!m.matches()) {
      throw invalid.get();
    }
    int start = Integer.parseInt(m.group(1));
    int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
    if (start > 65535 || end > 65535 || end < start) {
      throw invalid.get();
    }
    String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(java.util.Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (int p = start; p <= end; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }
}

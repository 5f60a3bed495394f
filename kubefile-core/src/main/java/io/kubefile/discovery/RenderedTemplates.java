package io.kubefile.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits {@code helm template} output back into templates using its {@code # Source: <template>} headers,
 * so that each image can be traced to the template that produced it. A template that renders several
 * documents is one text; the {@code ---} separators between them are not counted as lines.
 */
final class RenderedTemplates {
  private static final String SOURCE_HEADER = "# Source: ";
  private static final String DOCUMENT_SEPARATOR = "---";

  private RenderedTemplates() {}

  /** Template name ({@code demo/templates/deployment.yaml}) to its rendered lines, in output order. */
  static Map<String, List<String>> split(String output) {
    Map<String, List<String>> templates = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : TextLines.split(output)) {
      if (line.startsWith(SOURCE_HEADER)) {
        current = templates.computeIfAbsent(line.substring(SOURCE_HEADER.length()).strip(), t -> new ArrayList<>());
      } else if (line.equals(DOCUMENT_SEPARATOR)) {
        continue;
      } else if (current != null) {
        current.add(line);
      }
    }
    return templates;
  }
}

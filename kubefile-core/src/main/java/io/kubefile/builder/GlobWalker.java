package io.kubefile.builder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Expands a COPY wildcard the way Go's filepath.Glob does: the pattern is matched one path
 * component at a time ({@code *} never crosses {@code /}), in sorted order.
 */
final class GlobWalker {
  private final SourceTree tree;
  private final BiPredicate<String, String> componentMatcher;

  GlobWalker(SourceTree tree, BiPredicate<String, String> componentMatcher) {
    this.tree = tree;
    this.componentMatcher = componentMatcher;
  }

  List<FileNode> match(String pattern) throws IOException {
    List<FileNode> current = new ArrayList<>();
    tree.lookup("").ifPresent(current::add);
    for (String component : pattern.split("/")) {
      List<FileNode> next = new ArrayList<>();
      for (FileNode dir : current) {
        if (!dir.isDirectory()) {
          continue;
        }
        if (!PathNames.hasWildcard(component)) {
          String literal = unescape(component);
          tree.lookup(PathNames.join(dir.path(), literal)).ifPresent(next::add);
          continue;
        }
        for (FileNode child : tree.children(dir.path())) {
          if (componentMatcher.test(component, PathNames.base(child.path()))) {
            next.add(child);
          }
        }
      }
      current = next;
    }
    return current;
  }

  private static String unescape(String component) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '\\' && i + 1 < component.length()) {
        c = component.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}

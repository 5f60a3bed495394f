package io.kubefile.lang.shell;

import java.util.List;
import java.util.Set;

/**
 * The outcome of expanding one word.
 *
 * @param result the expanded word, with quotes removed and spaces kept (buildkit's {@code ProcessWord})
 * @param words the expansion split into words (buildkit's {@code ProcessWords}): unquoted whitespace,
 *     including whitespace produced by an unquoted {@code $} expansion, separates words
 * @param matched names of variables that were looked up and found
 * @param unmatched names of variables that were looked up and not found
 */
public record ExpansionResult(String result, List<String> words, Set<String> matched, Set<String> unmatched) {
  public ExpansionResult {
    words = List.copyOf(words);
    matched = Set.copyOf(matched);
    unmatched = Set.copyOf(unmatched);
  }
}

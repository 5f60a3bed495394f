package io.kubefile.registrydir;

import java.util.regex.Pattern;

/**
 * Validation of repository names and tags with distribution/reference's grammar, before they become paths:
 * a name the registry would reject must not turn into a directory it cannot serve (or one outside the tree).
 */
final class RepositoryNames {
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  /** distribution's NameTotalLengthMax. */
  private static final int MAX_REPOSITORY_LENGTH = 255;

  private RepositoryNames() {}

  static String requireRepository(String repository) {
    if (repository == null
        || repository.length() > MAX_REPOSITORY_LENGTH
        || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "invalid repository name \"" + repository + "\": expected lowercase path components like library/nginx");
    }
    return repository;
  }

  static String requireTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid tag \"" + tag + "\"");
    }
    return tag;
  }
}

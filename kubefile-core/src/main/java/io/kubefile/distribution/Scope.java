package io.kubefile.distribution;

import java.util.List;

/**
 * A token scope as the distribution token spec writes it: {@code repository:library/nginx:pull}
 * or {@code registry:catalog:*}.
 */
record Scope(String type, String name, List<String> actions) {

  Scope {
    actions = List.copyOf(actions);
  }

  static Scope pull(Repository repository) {
    return new Scope("repository", repository.path(), List.of("pull"));
  }

  static Scope pullPush(Repository repository) {
    return new Scope("repository", repository.path(), List.of("pull", "push"));
  }

  static Scope catalog() {
    return new Scope("registry", "catalog", List.of("*"));
  }

  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}

package io.kubefile;

/**
 * Counted nouns for messages: {@code 1 blob}, {@code 2 blobs}, {@code 0 blobs}. Every message that
 * counts uses this, so none says {@code 1 blobs} or hides behind {@code blob(s)}.
 */
public final class Plural {
  private Plural() {}

  /** {@code count} and the noun, with an {@code s} unless the count is one. */
  public static String of(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}

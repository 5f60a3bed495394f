package io.kubefile.builder;

import io.kubefile.lang.instructions.HeredocSource;
import java.util.List;

/**
 * A COPY or ADD with every variable expanded, ready to execute: what the instruction means once
 * the stage's environment is applied. {@code flags} lists the flags as {@code --name=value} words.
 */
public record ExpandedCopy(
    String keyword,
    int line,
    List<String> flags,
    List<String> sources,
    String destination,
    List<HeredocSource> heredocs,
    String from,
    String chown,
    String chmod,
    List<String> excludes,
    String checksum,
    Boolean unpack) {

  public boolean isAdd() {
    return keyword.equals("ADD");
  }
}

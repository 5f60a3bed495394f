package io.kubefile.lang.instructions;

import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD: exec form (a JSON array, used as is)
 * or shell form (one text run by the stage's SHELL).
 *
 * @param arguments the JSON elements (exec form) or a single element holding the text (shell form);
 *     empty for {@code CMD []} or a bare {@code CMD}
 * @param execForm true when written as a JSON array
 */
public record CommandForm(List<String> arguments, boolean execForm) {
  public CommandForm {
    arguments = List.copyOf(arguments);
  }

  /** The shell-form text (the arguments joined by spaces, as buildkit's handleJSONArgs). */
  public String shellText() {
    return String.join(" ", arguments);
  }
}

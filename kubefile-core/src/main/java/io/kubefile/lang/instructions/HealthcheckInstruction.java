package io.kubefile.lang.instructions;

import java.time.Duration;
import java.util.List;

/**
 * {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [--interval --timeout --start-period
 * --start-interval --retries] CMD command}.
 *
 * @param test buildkit's {@code HealthConfig.Test}: {@code ["NONE"]}, {@code ["CMD", args...]}
 *     (exec form) or {@code ["CMD-SHELL", text]} (shell form)
 * @param interval zero when not given
 * @param retries zero when not given
 */
public record HealthcheckInstruction(
    SourceSpan span,
    String original,
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries)
    implements Instruction {
  public HealthcheckInstruction {
    test = List.copyOf(test);
  }

  /** True for {@code HEALTHCHECK NONE}, which disables the base image's check. */
  public boolean isNone() {
    return test.size() == 1 && test.get(0).equals("NONE");
  }
}

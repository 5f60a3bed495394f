package io.kubefile.ssh;

import java.time.Duration;

/** A command did not finish within its time limit and was stopped. */
public final class CommandTimedOutException extends HostException {

  public CommandTimedOutException(HostAddress host, String what, Duration limit) {
    super(what + " on " + host + " did not finish within " + Durations.text(limit) + " and was stopped");
  }
}

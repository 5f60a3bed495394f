package io.kubefile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubefile debug}: tools for looking inside Kubefile processing. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = "Inspect how kubefile reads a Kubefile.",
    subcommands = {DebugParseCommand.class, DebugExpandCommand.class, DebugWarmupCommand.class})
public final class DebugCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

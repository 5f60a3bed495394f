package io.kubefile.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code kubefile registry}: the registry/ directory of a cluster image. */
@Command(
    name = "registry",
    description = "Work with the registry/ directory of a build context.",
    subcommands = {RegistrySaveCommand.class})
public final class RegistryCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package io.kubefile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubefile} command: a thin shell over the kubefile-core library. */
@Command(
    name = "kubefile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Build, store, ship and run Sealos-compatible cluster images, without a daemon or root.",
    subcommands = {
      CommandLine.HelpCommand.class,
      BuildCommand.class,
      ImagesCommand.class,
      InspectCommand.class,
      TagCommand.class,
      RmiCommand.class,
      PruneCommand.class,
      SaveCommand.class,
      LoadCommand.class,
      PullCommand.class,
      PushCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      ListImagesCommand.class,
      RegistryCommand.class,
      DebugCommand.class
    })
public final class KubefileCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new KubefileCommand());
    cl.setExecutionExceptionHandler(new ErrorReporter());
    withHelpEverywhere(cl);
    return cl;
  }

  /** Every command answers --help, without each class having to ask for it. */
  private static void withHelpEverywhere(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!sub.getCommandSpec().optionsMap().containsKey("--help")) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      withHelpEverywhere(sub);
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

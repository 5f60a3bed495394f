package io.kubefile.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubefile} command: a thin shell over the kubefile-core library. */
@Command(
    name = "kubefile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Build, store, ship and run Sealos-compatible cluster images, without a daemon.")
public final class KubefileCommand implements Runnable {
  /**
   * The subcommands by name, in the order help lists them. Each name is also its class's
   * {@code @Command} name (a test checks that they agree): finding a run's command by reading the
   * classes' annotations cost ~30 ms of CPU at every start, as the JDK parses all of a class's
   * annotations, and loads the classes they name, to give one.
   */
  static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
      Map.entry("build", BuildCommand.class),
      Map.entry("merge", MergeCommand.class),
      Map.entry("manifest", ManifestCommand.class),
      Map.entry("images", ImagesCommand.class),
      Map.entry("inspect", InspectCommand.class),
      Map.entry("tag", TagCommand.class),
      Map.entry("rmi", RmiCommand.class),
      Map.entry("prune", PruneCommand.class),
      Map.entry("save", SaveCommand.class),
      Map.entry("load", LoadCommand.class),
      Map.entry("pull", PullCommand.class),
      Map.entry("push", PushCommand.class),
      Map.entry("login", LoginCommand.class),
      Map.entry("logout", LogoutCommand.class),
      Map.entry("list-images", ListImagesCommand.class),
      Map.entry("registry", RegistryCommand.class),
      Map.entry("run", RunCommand.class),
      Map.entry("apply", ApplyCommand.class),
      Map.entry("create", CreateCommand.class),
      Map.entry("exec", ExecCommand.class),
      Map.entry("scp", ScpCommand.class),
      Map.entry("reset", ResetCommand.class),
      Map.entry("add", AddCommand.class),
      Map.entry("delete", DeleteCommand.class),
      Map.entry("completion", CompletionCommand.class),
      Map.entry("debug", DebugCommand.class));

  static final String PICOCLI_CLOSURES = "picocli.disable.closures";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = ErrorReporter.DEBUG_OPTION,
      scope = CommandLine.ScopeType.INHERIT,
      description = "On error, print the stack trace after the message (also KUBEFILE_DEBUG=1).")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The whole command tree. */
  public static CommandLine commandLine() {
    return commandLine(COMMANDS.stream().<Class<?>>map(Map.Entry::getValue).toList());
  }

  /**
   * The tree needed for these arguments: only the named command when there is one. Building the
   * model of every command costs a fifth of a second of start-up, which a short command should
   * not pay; {@code --version} alone gets the root command only, and help and unknown commands
   * still get the whole tree.
   */
  public static CommandLine commandLineFor(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return commandLine(List.of());
    }
    if (args.length > 0) {
      for (Map.Entry<String, Class<?>> command : COMMANDS) {
        if (command.getKey().equals(args[0])) {
          return commandLine(List.of(command.getValue()));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> commands) {
    CommandLine cl = new CommandLine(new KubefileCommand());
    cl.addSubcommand(new CommandLine.HelpCommand());
    for (Class<?> command : commands) {
      cl.addSubcommand(command);
    }
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
    if (Utf8FileNames.needsRestart()) {
      int status = Utf8FileNames.restart(args);
      if (status >= 0) {
        System.exit(status);
      }
    }
    HttpClientExit.register();
    // picocli looks up Groovy's Closure class when it starts, for closures in annotations, which this
    // CLI has none of; not finding it opens every jar of the class path: ~30 ms of every command.
    if (System.getProperty(PICOCLI_CLOSURES) == null) {
      System.setProperty(PICOCLI_CLOSURES, "true");
    }
    System.exit(commandLineFor(args).execute(args));
  }
}

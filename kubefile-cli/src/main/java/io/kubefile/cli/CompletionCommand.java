package io.kubefile.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile completion bash|zsh|fish}: a completion script for commands, options and local
 * image names. bash and zsh get picocli's generated script (it runs in zsh through bashcompinit),
 * wrapped so that the image arguments of {@link #IMAGE_COMMANDS} complete to the names in the
 * store, asked for when TAB is pressed ({@code kubefile images --format names}), since they change
 * after the script is installed. fish has no picocli generator, so its script is written here from
 * the same command model.
 */
@Command(name = "completion", description = "Print a shell completion script: source <(kubefile completion bash).")
public final class CompletionCommand implements Callable<Integer> {
  /** Commands whose positional arguments are local image names. */
  static final List<String> IMAGE_COMMANDS = List.of("inspect", "push", "rmi", "tag", "run", "save");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  String shell;

  @Override
  public Integer call() {
    CommandLine tree = KubefileCommand.commandLine();
    PrintWriter out = spec.commandLine().getOut();
    switch (shell) {
      case "bash", "zsh" -> out.print(bash(tree));
      case "fish" -> out.print(fish(tree));
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "unknown shell \"" + shell + "\": bash, zsh or fish");
    }
    out.flush();
    return 0;
  }

  static String bash(CommandLine tree) {
    String name = tree.getCommandName();
    String generated = AutoComplete.bash(name, tree);
    // picocli ends with "complete -F _complete_kubefile -o default kubefile ..."; ours replaces it.
    int registration = generated.lastIndexOf("complete -F _complete_" + name);
    String body = registration < 0 ? generated : generated.substring(0, registration);
    StringBuilder valueOptions = new StringBuilder();
    for (String command : IMAGE_COMMANDS) {
      CommandLine sub = tree.getSubcommands().get(command);
      if (sub != null) {
        List<String> names = sub.getCommandSpec().options().stream()
            .filter(o -> o.arity().min() > 0)
            .flatMap(o -> java.util.Arrays.stream(o.names()))
            .toList();
        valueOptions.append("      ").append(command).append(") value_options=\" ")
            .append(String.join(" ", names)).append(" \" ;;\n");
      }
    }
    return body + """

        # Local image names for the commands that take them, read from the store (the one --root
        # names, if given) when TAB is pressed, since they change after this script is sourced.
        function _kubefile_complete_images() {
          local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="${COMP_WORDS[1]}"
          local value_options="" root=() i
          _complete_kubefile "$@"
          [[ ${#COMPREPLY[@]} -eq 0 && $COMP_CWORD -ge 2 && "$cur" != -* ]] || return 0
          case "$command" in
        %s      *) return 0 ;;
          esac
          [[ "$value_options" == *" $prev "* ]] && return 0
          for ((i = 2; i < COMP_CWORD; i++)); do
            case "${COMP_WORDS[i]}" in
              --root) root=(--root "${COMP_WORDS[i+1]}") ;;
              --root=*) root=("${COMP_WORDS[i]}") ;;
            esac
          done
          local IFS=$'\\n'
          COMPREPLY=( $(compgen -W "$(kubefile images "${root[@]}" --format names 2>/dev/null)" -- "$cur") )
        }

        complete -F _kubefile_complete_images -o default kubefile kubefile.sh
        """.formatted(valueOptions);
  }

  static String fish(CommandLine tree) {
    StringBuilder script = new StringBuilder("# kubefile completion for fish: kubefile completion fish | source\n");
    script.append("complete -c kubefile -f\n");
    for (CommandLine sub : tree.getSubcommands().values()) {
      CommandSpec command = sub.getCommandSpec();
      if (command.usageMessage().hidden() || sub.getCommandName().equals("help")) {
        continue;
      }
      script.append("complete -c kubefile -n __fish_use_subcommand -a ").append(sub.getCommandName())
          .append(" -d ").append(quote(first(command.usageMessage().description()))).append('\n');
      String when = "-n '__fish_seen_subcommand_from " + sub.getCommandName() + "'";
      for (OptionSpec option : command.options()) {
        if (option.hidden()) {
          continue;
        }
        script.append("complete -c kubefile ").append(when);
        for (String optionName : option.names()) {
          script.append(optionName.startsWith("--") ? " -l " + optionName.substring(2) : " -s " + optionName.substring(1));
        }
        if (option.arity().max() > 0) {
          script.append(" -r");
        }
        script.append(" -d ").append(quote(first(option.description()))).append('\n');
      }
      for (CommandLine nested : sub.getSubcommands().values()) {
        script.append("complete -c kubefile ").append(when).append(" -a ").append(nested.getCommandName())
            .append(" -d ").append(quote(first(nested.getCommandSpec().usageMessage().description()))).append('\n');
      }
    }
    script.append("complete -c kubefile -n '__fish_seen_subcommand_from ").append(String.join(" ", IMAGE_COMMANDS))
        .append("' -a '(kubefile images --format names 2>/dev/null)'\n");
    return script.toString();
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}

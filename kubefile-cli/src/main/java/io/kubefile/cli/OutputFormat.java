package io.kubefile.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --format table|json} and its short form {@code --json}: the option every listing command
 * shares, so scripts ask every command for JSON the same way (podman's {@code --format json},
 * sealos's {@code --json}).
 */
final class OutputFormat {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--format", paramLabel = "table|json", description = "Output format (default: table).")
  String format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  /** JSON asked for, by either option. */
  boolean isJson() {
    return json || "json".equals(value());
  }

  /** The {@code --format} value, lower-cased, checked against those the command knows. */
  String value(String... known) {
    if (format == null) {
      return json ? "json" : "table";
    }
    String value = format.toLowerCase(Locale.ROOT);
    if (known.length > 0 && !java.util.List.of(known).contains(value)) {
      throw new ParameterException(spec.commandLine(),
          "--format must be one of " + String.join(", ", known) + ", not \"" + format + "\"");
    }
    return value;
  }
}

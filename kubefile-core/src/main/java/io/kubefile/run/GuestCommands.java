package io.kubefile.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell lines sent to hosts (SEALOS_COMPAT §6.5–6.6, R15, R20–R22): label scripts as
 * {@code cd <rootfs>/scripts && export …; bash <label value or <name>.sh>}, and an image's
 * commands as {@code export …; cd <dir> && <e1>; cd <dir> && <c1>; …}, ENTRYPOINT entries first,
 * each entry one shell command with {@code $(VAR)} expanded beforehand.
 */
public final class GuestCommands {
  private GuestCommands() {}

  /** The command of a lifecycle label, or null when an optional label ({@code init-cri}, {@code clean-cri}) is absent. */
  public static String label(String name, Map<String, String> labels, String rootfs, Map<String, String> env) {
    String value = labels.get(name);
    if (value == null || value.isBlank()) {
      if (name.endsWith("-cri")) {
        return null;
      }
      value = name + ".sh";
    }
    return "cd " + rootfs + "/scripts && " + InstallEnv.exportLine(env) + "bash " + value;
  }

  /** ENTRYPOINT then CMD entries, expanded, each prefixed with {@code cd <dir> && }; null when there are none. */
  public static String imageCommands(List<String> entrypoint, List<String> cmd, String dir, Map<String, String> exported,
      Map<String, String> mapping) {
    List<String> entries = new ArrayList<>(entrypoint);
    entries.addAll(cmd);
    List<String> parts = new ArrayList<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      parts.add("cd " + dir + " && " + KubernetesExpansion.expand(entry, mapping));
    }
    if (parts.isEmpty()) {
      return null;
    }
    return InstallEnv.exportLine(exported) + String.join("; ", parts);
  }
}

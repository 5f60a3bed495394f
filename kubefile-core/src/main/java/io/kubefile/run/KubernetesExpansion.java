package io.kubefile.run;

import java.util.Map;

/**
 * {@code $(VAR)} references in CMD and ENTRYPOINT, expanded before a command is sent, with
 * Kubernetes' rules (k8s.io/kubernetes third_party/forked/golang/expansion, used by sealos; R22):
 * {@code $(NAME)} becomes the value when NAME is known and stays as written otherwise,
 * {@code $$} is a literal {@code $}, and any other {@code $} ({@code $VAR}, {@code ${VAR}}) is left
 * for the remote shell. Twenty lines; no Java library implements these rules.
 */
public final class KubernetesExpansion {
  private KubernetesExpansion() {}

  public static String expand(String input, Map<String, String> mapping) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          // An unterminated reference is kept as written, as Kubernetes does.
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = mapping.get(name);
        out.append(value != null ? value : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}

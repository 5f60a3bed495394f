package io.kubefile.merge;

import io.kubefile.image.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link MergedConfig} as the Sealfile sealos generates for {@code merge}, byte for byte
 * for ordinary values (shared/fixtures/sealos/derived/07-merge-sealfile), so that what a sealos
 * user knows and reads (e.g. in {@code --debug}) is what gets built.
 *
 * <p>Where sealos's text would not give back the value it merged, this writes one that does, so
 * the built image has exactly the merged config: an environment value with a space, quote, {@code
 * $} or backslash is quoted and escaped (sealos writes it bare, and {@code $HOME} would be
 * expanded); a label value's quotes and backslashes are escaped; ENTRYPOINT and CMD are JSON
 * arrays written by a JSON writer (sealos's {@code \$} is no JSON escape and turns the array into
 * a shell-form command).
 */
public final class MergeSealfile {
  private static final String SEPARATOR = " \\\n\t";
  private static final Pattern BARE_ENV_VALUE = Pattern.compile("[A-Za-z0-9_./:,@%+=^~-]*");

  private MergeSealfile() {}

  public static String render(MergedConfig merged) {
    List<String> lines = new ArrayList<>(List.of("FROM scratch", "MAINTAINER labring"));
    if (!merged.labels().isEmpty()) {
      lines.add("LABEL " + pairs(merged.labels(), true));
    }
    if (!merged.env().isEmpty()) {
      lines.add("ENV " + pairs(merged.env(), false));
    }
    if (!merged.entrypoint().isEmpty()) {
      lines.add("ENTRYPOINT " + jsonArray(merged.entrypoint()));
    }
    if (!merged.cmd().isEmpty()) {
      lines.add("CMD " + jsonArray(merged.cmd()));
    }
    for (String image : merged.images()) {
      lines.add("COPY --from=" + image + "   . .");
    }
    return String.join("\n", lines);
  }

  private static String pairs(Map<String, String> map, boolean label) {
    List<String> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(k + "=" + (label ? labelValue(v) : envValue(v))));
    return String.join(SEPARATOR, out);
  }

  /** sealos: quoted, {@code $} escaped unless it starts {@code $(} (which expansion leaves alone). */
  private static String labelValue(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '$' && (i + 1 >= value.length() || value.charAt(i + 1) != '(')) {
        out.append("\\$");
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String envValue(String value) {
    if (BARE_ENV_VALUE.matcher(value).matches() && !value.isEmpty()) {
      return value;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\' || c == '$') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  private static String jsonArray(List<String> values) {
    return new String(Json.bytes(values), java.nio.charset.StandardCharsets.UTF_8);
  }
}

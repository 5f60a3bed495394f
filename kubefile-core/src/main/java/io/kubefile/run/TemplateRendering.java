package io.kubefile.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders an image's {@code .tmpl} files with its env before they are copied (SEALOS_COMPAT §6.4
 * pass 1: {@code etc/}, {@code scripts/}, {@code manifests/}, output next to the template without
 * {@code .tmpl}). The one place {@code run} and {@code create} call the Go template engine
 * ({@code io.kubefile.lang.template}).
 */
public final class TemplateRendering {
  private static final List<String> DIRECTORIES = List.of("etc", "scripts", "manifests");

  private TemplateRendering() {}

  /** Renders every template; returns whether any was found. */
  public static boolean renderAll(Path imageRoot, Map<String, String> env) throws IOException {
    boolean any = false;
    for (String dir : DIRECTORIES) {
      Path root = imageRoot.resolve(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path template : files.filter(p -> p.getFileName().toString().endsWith(".tmpl") && Files.isRegularFile(p)).toList()) {
          any = true;
          render(imageRoot, template, env);
        }
      }
    }
    return any;
  }

  private static void render(Path imageRoot, Path template, Map<String, String> env) throws IOException {
    throw new RunException(imageRoot.relativize(template) + ": rendering .tmpl files needs the Go template engine,"
        + " which is not part of this build yet");
  }
}

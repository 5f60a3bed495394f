package io.kubefile.lang.template;

import io.kubefile.files.AtomicFiles;
import io.kubefile.lang.go.GoText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders an image's {@code .tmpl} files the way sealos does before copying an image to its hosts
 * ({@code stringsutil.RenderTemplatesWithEnv}, SEALOS_COMPAT §6.4):
 * <ul>
 *   <li>only files named {@code *.tmpl} under {@code etc/}, {@code scripts/} and {@code
 *       manifests/} (recursively, symlinked directories not followed, as {@code filepath.Walk});
 *   <li>each becomes the same path without {@code .tmpl}, replacing what was there; the {@code
 *       .tmpl} is kept;
 *   <li>data: the env map as Go's {@code map[string]string}, so {@code {{ .KEY }}}; a missing key
 *       prints {@code <no value>} ({@code missingkey=default});
 *   <li>the output's mode is sealos's {@code os.ModePerm} under the usual umask 022: 0755.
 * </ul>
 * Unlike sealos, each output is written to a temporary file and renamed into place, so a failure
 * leaves no half-written file, and every template is its own template set: sealos parses all files
 * into one shared template, so a {@code {{define}}} leaks into later files and an empty file
 * renders as the previous one, which is a bug, not a feature. Errors name the file and line.
 */
public final class TemplateFiles {
  static final List<String> RENDERED_DIRECTORIES = List.of("etc", "scripts", "manifests");
  private static final String SUFFIX = ".tmpl";

  private TemplateFiles() {}

  /**
   * Renders every {@code *.tmpl} under DIR's etc/, scripts/ and manifests/ with ENV.
   *
   * @return the files written, in rendering order
   * @throws TemplateException naming the file when a template is bad or a file cannot be written
   */
  public static List<Path> renderAll(Path dir, Map<String, String> env) {
    return renderAll(dir, env, dir);
  }

  /**
   * Like {@link #renderAll(Path, Map)}, writing each output under {@code out} at the path it would
   * have in {@code dir}, so that {@code dir} stays as it is (an image's files shared by every
   * cluster it is installed on, each cluster with its own env).
   *
   * @return the files written under {@code out}, in rendering order
   */
  public static List<Path> renderAll(Path dir, Map<String, String> env, Path out) {
    Map<String, String> data = GoTemplate.stringMap(env);
    List<Path> written = new ArrayList<>();
    for (String sub : RENDERED_DIRECTORIES) {
      Path root = dir.resolve(sub);
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      for (Path template : templatesUnder(root)) {
        written.add(render(dir, template, data, out));
      }
    }
    return written;
  }

  /** Whether {@code relative} (a path inside an image) is a file sealos renders: a {@code *.tmpl} under etc/, scripts/ or manifests/. */
  public static boolean isRendered(String relative) {
    if (!relative.endsWith(SUFFIX)) {
      return false;
    }
    Path path = Path.of(relative).normalize();
    return path.getNameCount() > 1 && RENDERED_DIRECTORIES.contains(path.getName(0).toString());
  }

  /**
   * Renders the one template at {@code dir/relative} into the same directory, without its
   * {@code .tmpl}: for a template changed after {@link #renderAll} ran (a Clusterfile Config
   * document), which sealos applies before rendering.
   *
   * @return the file written
   */
  public static Path renderOne(Path dir, String relative, Map<String, String> env) {
    return render(dir, dir.resolve(relative), GoTemplate.stringMap(env), dir);
  }

  private static List<Path> templatesUnder(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new TemplateException("cannot list templates under " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * A template that is a symbolic link is read only when it resolves inside the image's files.
   * Sealos renders on each host, where a link reads that host's file; here rendering happens on
   * the machine running Kubefile, so a link such as {@code etc/x.tmpl -> /root/.aws/credentials}
   * would copy this machine's file to every host.
   */
  private static void requireInsideImage(Path dir, Path template, String name) {
    if (!Files.isSymbolicLink(template)) {
      return;
    }
    Path resolved;
    try {
      resolved = template.toRealPath();
    } catch (IOException e) {
      throw new TemplateException("cannot render " + name + ": it is a symbolic link that does not resolve ("
          + e.getMessage() + ")", e);
    }
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      throw new TemplateException("cannot read the image's files at " + dir + ": " + e.getMessage(), e);
    }
    if (!resolved.startsWith(root) || !Files.isRegularFile(resolved)) {
      throw new TemplateException("cannot render " + name + ": it is a symbolic link to " + resolved
          + ", which is not a file of the image");
    }
  }

  private static Path render(Path dir, Path template, Map<String, String> data, Path outDir) {
    String name = dir.relativize(template).toString();
    String file = template.getFileName().toString();
    String base = file.substring(0, file.length() - SUFFIX.length());
    Path inImage = template.resolveSibling(base);
    Path target = outDir.resolve(name).resolveSibling(base);
    requireInsideImage(dir, template, name);
    String text;
    try {
      text = GoText.decode(Files.readAllBytes(template));
    } catch (IOException e) {
      throw new TemplateException("cannot read template " + template + ": " + e.getMessage(), e);
    }
    String out = GoTemplate.parse(name, text).execute(data);
    if (Files.isDirectory(inImage, LinkOption.NOFOLLOW_LINKS)) {
      throw new TemplateException("cannot render " + name + ": " + inImage + " is a directory");
    }
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = AtomicFiles.temporarySibling(target);
      try (OutputStream stream = AtomicFiles.createTemporary(temp)) {
        stream.write(GoText.encode(out));
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      AtomicFiles.replace(temp, target);
      return target;
    } catch (IOException e) {
      throw new TemplateException("cannot write " + target + " rendered from " + name + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        AtomicFiles.deleteQuietly(temp);
      }
    }
  }
}

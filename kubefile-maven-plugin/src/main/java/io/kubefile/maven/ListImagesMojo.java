package io.kubefile.maven;

import io.kubefile.discovery.DiscoveryResult;
import io.kubefile.discovery.ImageDiscovery;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code kubefile:list-images}: every image the context references, as {@code kubefile list-images}:
 * in the build log, and one a line in {@code outputFile} when given (for later steps of a pipeline).
 */
@Mojo(name = "list-images", threadSafe = true, requiresProject = false)
public final class ListImagesMojo extends KubefileMojo {
  @Parameter(property = "kubefile.context", defaultValue = "${project.basedir}")
  File contextDirectory;

  /** Also write the names here, one a line. */
  @Parameter(property = "kubefile.outputFile")
  File outputFile;

  @Override
  void run() throws IOException {
    DiscoveryResult result = ImageDiscovery.discover(contextDirectory.toPath());
    result.names().forEach(getLog()::info);
    result.ignoredLines().forEach(line -> getLog().warn("skipped " + line));
    if (outputFile != null) {
      Path out = outputFile.toPath();
      Files.createDirectories(out.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), ".images", ".tmp");
      Files.write(temp, result.names());
      Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }
}

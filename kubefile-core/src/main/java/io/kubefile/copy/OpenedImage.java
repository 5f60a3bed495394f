package io.kubefile.copy;

import io.kubefile.image.access.CopySource;
import java.io.IOException;

/**
 * An image opened through its transport reference: the source to read it from and the name to
 * show for it. Closing it releases what the source holds (an archive).
 *
 * @param name its full name, or the reference as typed when the medium records none
 */
public record OpenedImage(CopySource source, String name) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    if (source instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}

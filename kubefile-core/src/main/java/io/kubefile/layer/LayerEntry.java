package io.kubefile.layer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file-system entry of a layer. Paths are relative to the image root, use {@code /}, and carry
 * no leading or trailing slash. Content comes from a file on disk (streamed, never held in memory)
 * or from a small byte array (heredocs, generated files).
 */
public record LayerEntry(
    String path, Type type, int mode, long uid, long gid, String linkTarget, Path source,
    byte[] content, long size) {

  /** What kind of entry this is. */
  public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK }

  public LayerEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    if (path.startsWith("/") || path.endsWith("/") || path.isEmpty()) {
      throw new IllegalArgumentException("layer path must be relative and clean: \"" + path + "\"");
    }
  }

  public static LayerEntry directory(String path, int mode, long uid, long gid) {
    return new LayerEntry(path, Type.DIRECTORY, mode, uid, gid, null, null, null, 0);
  }

  public static LayerEntry file(String path, Path source, long size, int mode, long uid, long gid) {
    return new LayerEntry(path, Type.FILE, mode, uid, gid, null, source, null, size);
  }

  public static LayerEntry bytes(String path, byte[] content, int mode, long uid, long gid) {
    return new LayerEntry(path, Type.FILE, mode, uid, gid, null, null, content, content.length);
  }

  public static LayerEntry symlink(String path, String target, long uid, long gid) {
    return new LayerEntry(path, Type.SYMLINK, 0777, uid, gid, target, null, null, 0);
  }

  /** A hard link to {@code target}, another entry's path in the same layer. */
  public static LayerEntry hardlink(String path, String target, int mode, long uid, long gid) {
    return new LayerEntry(path, Type.HARDLINK, mode, uid, gid, target, null, null, 0);
  }

  public LayerEntry withMode(int newMode) {
    return new LayerEntry(path, type, newMode, uid, gid, linkTarget, source, content, size);
  }
}

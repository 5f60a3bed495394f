package io.kubefile.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Resolves a {@code --chown=user[:group]} value to numeric IDs. Names are looked up in the
 * destination stage's {@code /etc/passwd} and {@code /etc/group}, as buildkit does; a user alone
 * gives its primary group when named, and GID = UID when numeric.
 */
public final class ChownSpec {
  private ChownSpec() {}

  /** Returns {uid, gid}. */
  public static long[] resolve(String spec, SnapshotTree stage) throws IOException {
    if (spec.isEmpty()) {
      throw new BuildException("invalid --chown value: empty");
    }
    String[] parts = spec.split(":", 2);
    String user = parts[0];
    String group = parts.length > 1 ? parts[1] : null;
    long uid;
    Long primaryGid = null;
    if (isNumeric(user)) {
      uid = Long.parseLong(user);
    } else {
      String[] entry = findEntry(stage, "etc/passwd", user)
          .orElseThrow(() -> new BuildException("unable to find user " + user
              + ": no matching entries in passwd file"));
      uid = parseId(entry, 2, "etc/passwd", user);
      primaryGid = parseId(entry, 3, "etc/passwd", user);
    }
    long gid;
    if (group == null || group.isEmpty()) {
      gid = primaryGid != null ? primaryGid : uid;
    } else if (isNumeric(group)) {
      gid = Long.parseLong(group);
    } else {
      String[] entry = findEntry(stage, "etc/group", group)
          .orElseThrow(() -> new BuildException("unable to find group " + group
              + ": no matching entries in group file"));
      gid = parseId(entry, 2, "etc/group", group);
    }
    return new long[] {uid, gid};
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.length() < 11 && s.chars().allMatch(Character::isDigit);
  }

  private static long parseId(String[] entry, int index, String file, String name) {
    if (entry.length <= index || !isNumeric(entry[index])) {
      throw new BuildException("malformed /" + file + " entry for " + name);
    }
    return Long.parseLong(entry[index]);
  }

  private static Optional<String[]> findEntry(SnapshotTree stage, String file, String name)
      throws IOException {
    Optional<byte[]> content = stage.readFile(file);
    if (content.isEmpty()) {
      throw new BuildException("unable to find " + (file.endsWith("passwd") ? "user " : "group ")
          + name + ": /" + file + " does not exist in the stage");
    }
    for (String line : new String(content.get(), StandardCharsets.UTF_8).split("\n")) {
      String[] fields = line.split(":", -1);
      if (fields.length > 0 && fields[0].equals(name)) {
        return Optional.of(fields);
      }
    }
    return Optional.empty();
  }
}

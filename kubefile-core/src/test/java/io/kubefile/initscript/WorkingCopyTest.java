package io.kubefile.initscript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept working copy: brought up to date with the context on every use, unchanged links left alone. */
class WorkingCopyTest {
  @TempDir Path tmp;

  @Test
  void a_kept_copy_follows_the_context_and_keeps_its_unchanged_links_and_its_registry() throws Exception {
    Path ctx = tmp.resolve("ctx");
    Files.createDirectories(ctx.resolve("opt"));
    Files.writeString(ctx.resolve("opt/same"), "same\n");
    Files.writeString(ctx.resolve("opt/replaced"), "old\n");
    Files.writeString(ctx.resolve("opt/gone"), "gone\n");
    Path area = tmp.resolve("area");
    Path copy;
    try (WorkingCopy first = WorkingCopy.kept(ctx, area)) {
      copy = first.path();
      Files.createDirectories(copy.resolve("registry/docker"));
      Files.writeString(copy.resolve("registry/docker/blob"), "saved\n");
    }
    Object sameCtime = Files.getAttribute(ctx.resolve("opt/same"), "unix:ctime");
    Files.delete(ctx.resolve("opt/gone"));
    Files.delete(ctx.resolve("opt/replaced"));
    Files.writeString(ctx.resolve("opt/replaced"), "new\n"); // a new inode
    Files.createDirectories(ctx.resolve("added"));
    Files.writeString(ctx.resolve("added/file"), "added\n");

    try (WorkingCopy second = WorkingCopy.kept(ctx, area)) {
      assertThat(second.path()).isEqualTo(copy);
      assertThat(Files.getAttribute(ctx.resolve("opt/same"), "unix:ctime")).as("not linked again").isEqualTo(sameCtime);
      assertThat(Files.isSameFile(copy.resolve("opt/same"), ctx.resolve("opt/same"))).isTrue();
      assertThat(Files.readString(copy.resolve("opt/replaced"))).isEqualTo("new\n");
      assertThat(Files.readString(copy.resolve("added/file"))).isEqualTo("added\n");
      assertThat(copy.resolve("opt/gone")).doesNotExist();
      assertThat(Files.readString(copy.resolve("registry/docker/blob"))).as("what was saved into the copy stays")
          .isEqualTo("saved\n");
    }
    assertThat(copy).as("closing a kept copy keeps it").isDirectory();
    assertThat(ctx.resolve("registry")).as("the context is not written to").doesNotExist();
  }
}

package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * buildkit's automatic platform ARGs: defined globally for every build, visible in a stage only
 * after {@code ARG NAME}, so one Kubefile copies each platform's own files.
 */
class PlatformArgsTest {
  @TempDir Path tmp;

  private BuildResult build(Path context, String platform) throws Exception {
    return KubefileBuilder.forContext(context)
        .store(ImageStore.open(tmp.resolve("store")))
        .platform(Platform.parse(platform))
        .tag("test/platform-args:v1")
        .build();
  }

  private Path contextWithPerArchOpt(String kubefile) throws Exception {
    return contextWithPerArchOpt("ctx", kubefile);
  }

  private Path contextWithPerArchOpt(String name, String kubefile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve(name));
    for (String arch : new String[] {"amd64", "arm64"}) {
      Files.createDirectories(ctx.resolve("opt/" + arch));
      Files.writeString(ctx.resolve("opt/" + arch + "/helm"), "helm for " + arch + "\n");
    }
    Files.writeString(ctx.resolve("Kubefile"), kubefile);
    return ctx;
  }

  @Test
  void copy_of_opt_TARGETARCH_takes_the_target_platforms_directory() throws Exception {
    Path ctx = contextWithPerArchOpt("FROM scratch\nARG TARGETARCH\nCOPY opt/${TARGETARCH} opt\n");

    BuildResult arm = build(ctx, "linux/arm64");
    FileTree files = FileTree.unpack(tmp.resolve("store"), "docker.io/test/platform-args:v1",
        tmp.resolve("unpacked"));

    assertThat(files.contains("opt/helm")).isTrue();
    assertThat(Files.readString(tmp.resolve("unpacked/rootfs/opt/helm"))).isEqualTo("helm for arm64\n");
    assertThat(arm.config().architecture()).isEqualTo("arm64");
  }

  @Test
  void every_automatic_arg_has_buildkits_value_after_it_is_declared_in_the_stage() throws Exception {
    Path ctx = contextWithPerArchOpt("""
        FROM scratch
        ARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT BUILDPLATFORM BUILDOS BUILDARCH
        LABEL tp=$TARGETPLATFORM to=$TARGETOS ta=$TARGETARCH tv=v$TARGETVARIANT bp=$BUILDPLATFORM bo=$BUILDOS ba=$BUILDARCH
        """);
    Platform host = Platform.host();

    BuildResult armV7 = build(ctx, "linux/arm/v7");

    assertThat(armV7.config().config().labels())
        .containsEntry("tp", "linux/arm/v7").containsEntry("to", "linux").containsEntry("ta", "arm")
        .containsEntry("tv", "vv7").containsEntry("bp", host.toString())
        .containsEntry("bo", "linux").containsEntry("ba", host.architecture());
  }

  @Test
  void without_ARG_in_the_stage_the_automatic_args_expand_to_nothing_as_in_buildkit() throws Exception {
    Path ctx = contextWithPerArchOpt("FROM scratch\nLABEL arch=x${TARGETARCH}x\n");

    BuildResult result = build(ctx, "linux/arm64");

    assertThat(result.config().config().labels()).containsEntry("arch", "xx");
  }

  @Test
  void from_platform_BUILDPLATFORM_resolves_the_base_for_the_build_machine() throws Exception {
    Path ctx = contextWithPerArchOpt("FROM --platform=$BUILDPLATFORM tools AS t\nFROM scratch\n"
        + "ARG TARGETARCH\nCOPY --from=t opt/${TARGETARCH}/helm /bin/helm\n");
    java.util.List<Platform> asked = new java.util.ArrayList<>();
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    Path tools = contextWithPerArchOpt("tools", "FROM scratch\nCOPY opt opt\n");
    KubefileBuilder.forContext(tools).store(store).tag("tools").build();
    StoreBaseImages stored = new StoreBaseImages(store);

    BuildResult result = KubefileBuilder.forContext(ctx).store(store)
        .platform(Platform.parse("linux/arm64"))
        .baseImages((ref, platform) -> {
          asked.add(platform);
          return stored.resolve(ref, platform);
        })
        .build();

    assertThat(asked).as("FROM asks for the build machine's platform, COPY --from=t is the stage")
        .containsExactly(Platform.host());
    assertThat(result.config().architecture()).isEqualTo("arm64");
  }
}

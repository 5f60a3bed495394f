package io.kubefile.builder;

import io.kubefile.image.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** buildkit's automatic platform ARGs, defined in the global scope of every build. */
final class PlatformArgs {
  static final Set<String> NAMES = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH",
      "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT",
      "TARGETSTAGE");

  private PlatformArgs() {}

  static Map<String, String> of(Platform target) {
    Platform build = Platform.host();
    Map<String, String> args = new LinkedHashMap<>();
    args.put("BUILDPLATFORM", build.toString());
    args.put("BUILDOS", build.os());
    args.put("BUILDOSVERSION", "");
    args.put("BUILDARCH", build.architecture());
    args.put("BUILDVARIANT", build.variant() == null ? "" : build.variant());
    args.put("TARGETPLATFORM", target.toString());
    args.put("TARGETOS", target.os());
    args.put("TARGETOSVERSION", "");
    args.put("TARGETARCH", target.architecture());
    args.put("TARGETVARIANT", target.variant() == null ? "" : target.variant());
    return args;
  }
}

package io.kubefile.run;

import java.util.Locale;
import java.util.Map;

/** Where an image's files go (label {@code sealos.io.type}, else {@code apps.sealos.io/type}; default application). */
public enum ImageType {
  ROOTFS, PATCH, APPLICATION;

  public static ImageType of(Map<String, String> labels, String image) {
    String value = labels.getOrDefault("sealos.io.type", labels.get("apps.sealos.io/type"));
    if (value == null || value.isEmpty()) {
      return APPLICATION;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "rootfs" -> ROOTFS;
      case "patch" -> PATCH;
      case "application" -> APPLICATION;
      default -> throw new RunException("image " + image + " has an unknown sealos.io.type \"" + value
          + "\" (rootfs, patch or application)");
    };
  }

  /** rootfs and patch files go to every host; application files only to master0. */
  public boolean onEveryHost() {
    return this != APPLICATION;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

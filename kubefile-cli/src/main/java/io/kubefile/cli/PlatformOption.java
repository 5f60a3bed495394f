package io.kubefile.cli;

import io.kubefile.image.Platform;
import java.util.function.Consumer;

/**
 * A {@code --platform} value as every command reads it: validated by {@link Platform#parse} (an
 * error names the text), with a warning for an os/architecture pair no image is built for, which
 * is most likely a typo (through the command's {@link WarningPrinter}, so a value given twice warns
 * once); the host's platform when not given.
 */
final class PlatformOption {
  private PlatformOption() {}

  static Platform parse(String text, Consumer<String> warnings) {
    if (text == null) {
      return Platform.host();
    }
    Platform platform = Platform.parse(text);
    platform.unknownPairWarning().ifPresent(warnings);
    return platform;
  }
}

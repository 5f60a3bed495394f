package io.kubefile.merge;

import io.kubefile.image.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which platforms a merge builds when no {@code --platform} is given. Inputs that are image
 * indexes make a per-platform merge: every platform any index input has, each merged from that
 * platform's image of every input, so the result is an index too. A platform some input lacks is
 * an error naming the input and the platform (a merged image silently missing one input's files
 * on one platform would be found only at install time), unless the caller asks for the platforms
 * every input has.
 */
public final class MergePlatforms {
  /**
   * One merge input and the platforms it is stored for.
   *
   * @param index whether it is an image index (only indexes make a merge per platform)
   * @param platforms its platforms; empty for an image that names none (it fits every platform)
   */
  public record Input(String name, boolean index, List<Platform> platforms) {
    boolean has(Platform platform) {
      return platforms.isEmpty() || platforms.stream().anyMatch(platform::matches);
    }

    private String describe() {
      return platforms.stream().map(Platform::toString).collect(Collectors.joining(", "));
    }
  }

  private MergePlatforms() {}

  /**
   * The platforms to merge, in the order the first index input lists them; empty when no input is
   * an index (a single-platform merge, as sealos does).
   *
   * @param commonOnly merge only the platforms every input has, instead of failing on one missing
   */
  public static List<Platform> choose(List<Input> inputs, boolean commonOnly) {
    List<Platform> wanted = new ArrayList<>();
    for (Input input : inputs) {
      if (input.index()) {
        input.platforms().stream().filter(p -> !wanted.contains(p)).forEach(wanted::add);
      }
    }
    List<Platform> chosen = new ArrayList<>();
    for (Platform platform : wanted) {
      Input lacking = inputs.stream().filter(i -> !i.has(platform)).findFirst().orElse(null);
      if (lacking == null) {
        chosen.add(platform);
      } else if (!commonOnly) {
        throw new MergeException("merge: " + lacking.name() + " has no " + platform + " image (it has "
            + lacking.describe() + "); merge only the platforms every input has with --common-platforms,"
            + " or name them with --platform");
      }
    }
    if (!wanted.isEmpty() && chosen.isEmpty()) {
      throw new MergeException("merge: the inputs have no platform in common: " + inputs.stream()
          .map(i -> i.name() + " has " + i.describe()).collect(Collectors.joining("; ")));
    }
    return chosen;
  }
}

package io.kubefile.cli;

import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ManifestLists;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile images}: the images in the local store, one row per name, each with the
 * platforms it is stored for, so that a multi-platform image (an index) shows what it holds.
 */
@Command(name = "images", description = "List images in the local store.")
public final class ImagesCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** {@code --format json}: a JSON array, one object per image; the hidden {@code names} lists the names, one a line, for shell completion. */
  @Mixin OutputFormat format;

  @Option(names = {"-q", "--quiet"}, description = "Print only image IDs, each once.")
  boolean quiet;

  @Option(names = "--digests", description = "Show manifest digests.")
  boolean digests;

  @Override
  public Integer call() throws Exception {
    ImageStore images = store.open();
    List<StoredImage> list = new ArrayList<>(images.list());
    Instant epoch = Instant.EPOCH;
    list.sort(Comparator.comparing((StoredImage i) -> i.created().orElse(epoch)).reversed()
        .thenComparing(i -> i.name() == null ? "" : i.name()));
    PrintWriter out = spec.commandLine().getOut();
    String shape = format.value("table", "json", "names");
    if (shape.equals("names")) {
      list.stream().filter(StoredImage::isNamed).map(StoredImage::name).distinct().sorted().forEach(out::println);
    } else if (quiet) {
      new LinkedHashSet<>(list.stream().map(i -> i.id().shortHex()).toList()).forEach(out::println);
    } else if (shape.equals("json")) {
      out.println(Json.pretty4(jsonView(list, new ManifestLists(images))));
    } else {
      printTable(list, new ManifestLists(images), out);
    }
    out.flush();
    return 0;
  }

  /**
   * One object per image: names of the same image together, as podman does; an index is an image
   * of its own (IsManifestList, as podman says), not merged with its host platform's image.
   */
  private List<Map<String, Object>> jsonView(List<StoredImage> list, ManifestLists lists) throws IOException {
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (StoredImage image : list) {
      boolean index = isIndex(image);
      List<String> platforms = platforms(image, lists);
      String key = index ? image.entry().digest().toString() : image.id().hex();
      Map<String, Object> view = byId.computeIfAbsent(key, k -> {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Id", image.id().hex());
        v.put("Names", new ArrayList<String>());
        v.put("Digest", image.entry().digest().toString());
        v.put("Created", image.created().map(Instant::getEpochSecond).orElse(0L));
        v.put("Size", image.size());
        v.put("Labels", image.config().config().labels());
        v.put("IsManifestList", index);
        v.put("Platforms", platforms);
        return v;
      });
      if (image.isNamed()) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) view.get("Names");
        names.add(image.name());
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static boolean isIndex(StoredImage image) {
    return MediaTypes.isIndex(image.entry().mediaType());
  }

  /** {@code os/arch[/variant]} of each platform the image is stored for. */
  private static List<String> platforms(StoredImage image, ManifestLists lists) throws IOException {
    return lists.platformsOf(image).stream().map(Platform::toString).toList();
  }

  private void printTable(List<StoredImage> list, ManifestLists lists, PrintWriter out) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("REPOSITORY", "TAG"));
    if (digests) {
      header.add("DIGEST");
    }
    header.addAll(List.of("IMAGE ID", "CREATED", "SIZE", "PLATFORMS"));
    rows.add(header);
    Instant now = Instant.now();
    for (StoredImage image : list) {
      String[] repoAndTag = splitName(image.name());
      List<String> row = new ArrayList<>(List.of(repoAndTag[0], repoAndTag[1]));
      if (digests) {
        row.add(image.entry().digest().toString()); // an index by its own digest, as ctr and podman show it
      }
      row.add(image.id().shortHex());
      row.add(image.created().map(t -> HumanUnits.ago(Duration.between(t, now))).orElse("<unknown>"));
      row.add(HumanUnits.size(image.size()));
      row.add(String.join(",", platforms(image, lists)));
      rows.add(row);
    }
    printColumns(rows, out);
  }

  /** {@code repo:tag} → {repo, tag}; digest references and unnamed images show {@code <none>}. */
  static String[] splitName(String name) {
    if (name == null) {
      return new String[] {"<none>", "<none>"};
    }
    int at = name.indexOf('@');
    if (at >= 0) {
      return new String[] {name.substring(0, at), "<none>"};
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      return new String[] {name.substring(0, colon), name.substring(colon + 1)};
    }
    return new String[] {name, "<none>"};
  }

  /** Left-aligned columns separated by at least two spaces, like Go's tabwriter in podman. */
  static void printColumns(List<List<String>> rows, PrintWriter out) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(row.get(c));
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}

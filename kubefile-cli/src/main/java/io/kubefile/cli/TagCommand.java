package io.kubefile.cli;

import io.kubefile.image.Descriptor;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoredImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kubefile tag SRC NEW...}: more names for an image. */
@Command(name = "tag", description = "Add one or more names to a local image.")
public final class TagCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "SRC", description = "Image name or ID.")
  String source;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "NEW", description = "New names.")
  List<String> names;

  @Override
  public Integer call() throws Exception {
    ImageStore images = store.open();
    StoredImage image = ImageRefs.find(images, source);
    Descriptor entry = image.entry().withAnnotations(Map.of());
    Map<String, Descriptor> tags = new LinkedHashMap<>();
    for (String name : names) {
      tags.put(NameLookup.normalize(name), entry);
    }
    images.tagAll(tags);
    return 0;
  }
}

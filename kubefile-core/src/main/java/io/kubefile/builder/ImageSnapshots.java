package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import io.kubefile.layer.LayerEntry;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks a stored image's layers into a {@link SnapshotTree}, for {@code COPY --from=<image>} and
 * for {@code --chown} names looked up in a base image. Whiteouts remove what they name. Only done
 * when an instruction needs it: most cluster images never look inside their base.
 */
final class ImageSnapshots {
  private ImageSnapshots() {}

  static SnapshotTree unpack(ImageStore store, BaseImage image, Path scratch) throws IOException {
    SnapshotTree tree = new SnapshotTree("image " + image.name());
    for (Descriptor layer : image.manifest().layers()) {
      Path dir = Files.createTempDirectory(scratch, "base");
      List<LayerEntry> entries = TarUnpacker.unpack(store.blobPath(layer.digest()), "", dir, 0, 0, true);
      List<LayerEntry> kept = new ArrayList<>();
      for (LayerEntry e : entries) {
        String base = PathNames.base(e.path());
        if (base.equals(".wh..wh..opq")) {
          String parent = PathNames.parent(e.path());
          tree.entries().subMap(parent.isEmpty() ? "" : parent + "/", parent.isEmpty() ? "\uffff" : parent + "0")
              .clear();
        } else if (base.startsWith(".wh.")) {
          String victim = PathNames.join(PathNames.parent(e.path()), base.substring(4));
          tree.entries().remove(victim);
          tree.entries().subMap(victim + "/", victim + "0").clear();
        } else {
          kept.add(e);
        }
      }
      tree.apply(kept);
    }
    return tree;
  }
}

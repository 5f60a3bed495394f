package io.kubefile.store;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.nio.file.Path;

/** A separate process writing to a store, for the cross-process tests. */
public final class StoreWriterProcess {
  public static void main(String[] args) throws Exception {
    ImageStore store = ImageStore.open(Path.of(args[1]));
    switch (args[0]) {
      case "tag" -> {
        // tag ROOT PREFIX COUNT MANIFEST_DIGEST MANIFEST_SIZE
        Descriptor manifest =
            Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(args[4]), Long.parseLong(args[5]));
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
          store.tag(args[2] + i, manifest);
        }
      }
      case "die-mid-blob" -> {
        BlobWriter writer = store.newBlobWriter();
        writer.write(new byte[100_000]);
        writer.flush();
        System.out.println("written");
        System.out.flush();
        Runtime.getRuntime().halt(9); // like kill -9: no finally blocks, no cleanup
      }
      case "hold-temp" -> {
        java.nio.file.Files.writeString(store.newTempPath("partial-"), "half a download");
        System.out.println("written");
        System.out.flush();
        System.in.read(); // alive until the test closes our stdin or kills us
      }
      case "put-blob" -> store.putBlob(args[2].getBytes(java.nio.charset.StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}

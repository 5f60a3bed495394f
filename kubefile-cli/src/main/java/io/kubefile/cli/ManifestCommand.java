package io.kubefile.cli;

import io.kubefile.copy.CopyOptions;
import io.kubefile.copy.RegistrySources;
import io.kubefile.copy.StoreImport;
import io.kubefile.copy.TransportSources;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ManifestLists;
import io.kubefile.store.StoreLease;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile manifest}: manifest lists (OCI image indexes) in the local store, with buildah's
 * subcommands and flags. Images are added from the store or from any other source ({@code
 * docker://}, {@code oci:}, {@code oci-archive:}, {@code docker-archive:}), copied into the store
 * by the one copier every command uses; push is {@code push --all}, with push's flags.
 */
@Command(name = "manifest", description = "Create and edit manifest lists (image indexes) in the local store, as buildah manifest.",
    subcommands = {ManifestCommand.Create.class, ManifestCommand.Add.class, ManifestCommand.Remove.class,
        ManifestCommand.Annotate.class, ManifestCommand.Inspect.class, ManifestCommand.Exists.class,
        ManifestCommand.Push.class, ManifestCommand.Rm.class})
public final class ManifestCommand {
  /** {@code kubefile manifest --root DIR create ...} as well as {@code manifest create --root DIR ...}. */
  @Mixin StoreOptions store;

  static String listName(String typed) {
    return ImageReference.parse(typed).toString();
  }

  static Map<String, String> annotations(List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values != null) {
      for (String value : values) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--annotation \"" + value + "\": expected KEY=VALUE");
        }
        out.put(value.substring(0, eq), value.substring(eq + 1));
      }
    }
    return out;
  }

  static void print(Spec0 spec, String line) {
    PrintWriter out = spec.spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }

  /**
   * The list entries IMAGE contributes. A store image (name or ID) as it is; anything else is
   * copied into the store first: with {@code all} an index whole, else the image for {@code
   * platform} (the host's, or what --os/--arch/--variant say), as buildah picks one instance.
   * The caller holds a store lease until the list refers to the copy.
   */
  static List<Descriptor> entriesOf(ImageStore store, String image, boolean all, Platform platform,
      RegistryOptions registry) throws java.io.IOException {
    ManifestLists lists = new ManifestLists(store);
    TransportReference reference = TransportReference.parse(image);
    if (reference.transport() == TransportReference.Transport.STORE) {
      return lists.entriesOf(ImageRefs.find(store, image), all);
    }
    RegistrySources registries = reference.transport() == TransportReference.Transport.DOCKER
        ? registry.sources(ProgressListener.NONE) : null;
    RawManifest root = new StoreImport(store, new TransportSources(store, registries))
        .copy(reference, all ? CopyOptions.all(platform) : CopyOptions.forPlatform(platform));
    return lists.entriesOf(store.imageOf(root.descriptor()), all);
  }

  /** The spec holder every subcommand has; a class so the helpers above stay short. */
  static class Spec0 {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @ParentCommand ManifestCommand parent;
    @Mixin StoreOptions store;

    /** The store named on the subcommand, else on {@code manifest}, else the default. */
    ImageStore openStore() throws java.io.IOException {
      return (store.root == null && parent != null ? parent.store : store).open();
    }
  }

  /** {@code --os --arch --variant --annotation}: what add and annotate set on a list entry. */
  static final class EntryOptions {
    @Option(names = "--os", paramLabel = "OS") String os;
    @Option(names = "--arch", paramLabel = "ARCH") String arch;
    @Option(names = "--variant", paramLabel = "VARIANT") String variant;
    @Option(names = "--annotation", paramLabel = "KEY=VALUE") List<String> annotation;

    boolean setsPlatform() {
      return os != null || arch != null || variant != null;
    }

    /** {@code base} with the fields given on the command line replaced. */
    Platform platform(Platform base) {
      Platform p = base == null ? new Platform(null, null, null) : base;
      return new Platform(arch != null ? arch : p.architecture(), os != null ? os : p.os(),
          variant != null ? variant : p.variant());
    }

    Map<String, String> annotations() {
      return ManifestCommand.annotations(annotation);
    }
  }

  @Command(name = "create", description = "Create a manifest list, optionally with images from the store.")
  static final class Create extends Spec0 implements Callable<Integer> {
    @Option(names = "--all", description = "Add every manifest of an image that is itself a list.") boolean all;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "IMAGE") List<String> images;

    @Mixin RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      try (StoreLease lease = opened.lease()) {
        List<Descriptor> entries = new ArrayList<>();
        for (String image : images == null ? List.<String>of() : images) {
          entries.addAll(entriesOf(opened, image, all, Platform.host(), registry));
        }
        print(this, new ManifestLists(opened).create(listName(name), entries).digest().toString());
      }
      return 0;
    }
  }

  @Command(name = "add", description = "Add an image to a manifest list: from the store, docker://, oci:, oci-archive: or docker-archive:.")
  static final class Add extends Spec0 implements Callable<Integer> {
    @Option(names = "--all", description = "Add every manifest of an image that is itself a list.") boolean all;
    @Mixin EntryOptions entry;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "IMAGE") String image;

    @Mixin RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      ManifestLists lists = new ManifestLists(opened);
      String list = listName(name);
      lists.read(list); // a missing list is an error before anything is copied
      try (StoreLease lease = opened.lease()) {
        List<Descriptor> entries = new ArrayList<>();
        Map<String, String> notes = entry.annotations();
        for (Descriptor d : entriesOf(opened, image, all, entry.platform(Platform.host()), registry)) {
          entries.add(d.withPlatform(entry.platform(d.platform()))
              .withAnnotations(notes.isEmpty() ? d.annotations() : notes));
        }
        lists.add(list, entries);
        print(this, entries.get(0).digest().toString());
      }
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a manifest from a manifest list.")
  static final class Remove extends Spec0 implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "DIGEST") String digest;

    @Override
    public Integer call() throws Exception {
      new ManifestLists(openStore()).remove(listName(name), Digest.parse(digest));
      print(this, digest);
      return 0;
    }
  }

  @Command(name = "annotate", description = "Set platform fields and annotations of a manifest list entry.")
  static final class Annotate extends Spec0 implements Callable<Integer> {
    @Mixin EntryOptions entry;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "DIGEST") String digest;

    @Override
    public Integer call() throws Exception {
      ManifestLists lists = new ManifestLists(openStore());
      String list = listName(name);
      Digest target = Digest.parse(digest);
      Platform platform = null;
      if (entry.setsPlatform()) {
        platform = entry.platform(lists.read(list).manifests().stream().filter(d -> d.digest().equals(target))
            .map(Descriptor::platform).filter(java.util.Objects::nonNull).findFirst().orElse(null));
      }
      lists.annotate(list, target, platform, entry.annotations());
      print(this, digest);
      return 0;
    }
  }

  @Command(name = "inspect", description = "Print a manifest list as JSON.")
  static final class Inspect extends Spec0 implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;

    /** JSON is the only format; {@code --format json}/{@code --json} are accepted as on every listing command. */
    @Mixin OutputFormat format;

    @Override
    public Integer call() throws Exception {
      if (format.format != null) {
        format.value("json");
      }
      print(this, Json.pretty4(new ManifestLists(openStore()).read(listName(name))));
      return 0;
    }
  }

  @Command(name = "exists", description = "Exit 0 if the manifest list exists, 1 if not.")
  static final class Exists extends Spec0 implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
      return new ManifestLists(openStore()).exists(listName(name)) ? 0 : 1;
    }
  }

  @Command(name = "rm", description = "Remove manifest lists from the store (their images stay).")
  static final class Rm extends Spec0 implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NAME") List<String> names;

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      ManifestLists lists = new ManifestLists(opened);
      for (String typed : names) {
        String name = listName(typed);
        lists.read(name); // a missing name or a plain image is an error, not a silent no-op
        opened.untag(name);
        print(this, "untagged: " + name);
      }
      return 0;
    }
  }

  @Command(name = "push", description = "Push a manifest list and its images (push --all), with push's registry flags.")
  static final class Push extends Spec0 implements Callable<Integer> {
    @Option(names = "--all", description = "Push the images the list refers to too (always done).") boolean all;
    @Mixin PushOptions push;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST") String destination;

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      new ManifestLists(opened).read(listName(name));
      push.push(opened, name, destination, true, spec.commandLine().getOut(), spec.commandLine().getErr());
      return 0;
    }
  }
}

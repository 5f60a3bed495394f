package io.kubefile.cli;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ManifestLists;
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
 * subcommands and flags. Images are added from the store (pull or load them first); push goes
 * through {@code push --all}, the one way an index leaves the store.
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

  /** The spec holder every subcommand has; a class so the helpers above stay short. */
  static class Spec0 {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @ParentCommand ManifestCommand parent;
    @Mixin StoreOptions store;

    /** The store named on the subcommand, else on {@code manifest}, else the default. */
    ImageStore openStore() throws java.io.IOException {
      return (store.root == null && parent != null ? parent.store : store).open();
    }

    java.nio.file.Path root() {
      return store.root != null ? store.root : parent != null ? parent.store.root : null;
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

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      ManifestLists lists = new ManifestLists(opened);
      List<Descriptor> entries = new ArrayList<>();
      for (String image : images == null ? List.<String>of() : images) {
        entries.addAll(lists.entriesOf(ImageRefs.find(opened, image), all));
      }
      print(this, lists.create(listName(name), entries).digest().toString());
      return 0;
    }
  }

  @Command(name = "add", description = "Add an image from the store to a manifest list.")
  static final class Add extends Spec0 implements Callable<Integer> {
    @Option(names = "--all", description = "Add every manifest of an image that is itself a list.") boolean all;
    @Mixin EntryOptions entry;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "IMAGE") String image;

    @Override
    public Integer call() throws Exception {
      ImageStore opened = openStore();
      ManifestLists lists = new ManifestLists(opened);
      List<Descriptor> entries = new ArrayList<>();
      Map<String, String> notes = entry.annotations();
      for (Descriptor d : lists.entriesOf(ImageRefs.find(opened, image), all)) {
        entries.add(d.withPlatform(entry.platform(d.platform()))
            .withAnnotations(notes.isEmpty() ? d.annotations() : notes));
      }
      lists.add(listName(name), entries);
      print(this, entries.get(0).digest().toString());
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

  @Command(name = "push", description = "Push a manifest list and its images (push --all).")
  static final class Push extends Spec0 implements Callable<Integer> {
    @Option(names = "--all", description = "Push the images the list refers to too (always done).") boolean all;
    @Option(names = {"-q", "--quiet"}) boolean quiet;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST") String destination;

    @Override
    public Integer call() throws Exception {
      new ManifestLists(openStore()).read(listName(name));
      List<String> args = new ArrayList<>(List.of("push", "--all"));
      if (root() != null) {
        args.add("--root=" + root());
      }
      if (quiet) {
        args.add("-q");
      }
      args.add(name);
      if (destination != null) {
        args.add(destination);
      }
      return spec.root().commandLine().execute(args.toArray(String[]::new));
    }
  }
}

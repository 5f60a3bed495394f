package io.kubefile.cli;

import io.kubefile.KubefileException;
import io.kubefile.copy.OpenedImage;
import io.kubefile.copy.SourceImageReader;
import io.kubefile.copy.TransportSources;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.access.TransportReference;
import io.kubefile.lang.template.GoTemplate;
import io.kubefile.lang.template.TemplateException;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoredImage;
import io.kubefile.transport.SourceImage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile inspect}: an image's config in the JSON shape {@code sealos inspect} prints, from
 * the store or straight from an archive or OCI layout.
 */
@Command(name = "inspect", description = "Show an image's configuration (local name or ID, docker://REF, oci-archive:PATH, docker-archive:PATH, oci:DIR[:REF]).")
public final class InspectCommand implements Callable<Integer> {
  private static final String DOCKER = "docker://";
  /** sealos refuses a format without an action ({@code regexp.MatchString("{{.*}}", format)}). */
  private static final Pattern SEALOS_FORMAT = Pattern.compile("\\{\\{.*}}");

  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE",
      description = "Go template (Go text/template with sprig, as sealos), e.g. "
          + "{{index .OCIv1.Config.Labels \"sealos.io.type\"}} or {{json .OCIv1.config}}.")
  String format;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to show of a multi-platform image (default: a stored index is shown as the index,"
          + " other multi-platform images as the host's platform).")
  String platform;

  @Parameters(index = "0", paramLabel = "REF")
  String ref;

  @Override
  public Integer call() throws Exception {
    TransportReference target = TransportReference.parse(ref);
    boolean remote = target.transport() == TransportReference.Transport.DOCKER;
    Optional<StoredImage> index = target.transport() == TransportReference.Transport.STORE
        ? NameLookup.find(store.open(), ref).filter(image -> MediaTypes.isIndex(image.entry().mediaType()))
        : Optional.empty();
    if (index.isPresent() && platform == null && format == null) {
      // An index has no one config to show: show the index, as `buildah manifest inspect` does;
      // --platform picks one platform's image to show in sealos's shape.
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.pretty4(Json.mapper().readTree(store.open().readBlob(index.get().entry().digest()))));
      out.flush();
      return 0;
    }
    SourceImage image = read(target);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("Name", displayName(ref, image.name()));
    view.put("FromImageDigest", image.manifestDigest().toString());
    if (!remote) { // sealos omits the ID for images it has not stored
      view.put("FromImageID", image.id().hex());
    }
    view.put("OCIv1", image.configJson());
    PrintWriter out = spec.commandLine().getOut();
    if (format != null) {
      if (!SEALOS_FORMAT.matcher(format).find()) {
        throw new KubefileException("invalid format provided: " + format);
      }
      GoTemplate template;
      try {
        template = GoTemplate.parse("format", format, GoTemplate.FunctionSet.INSPECT);
      } catch (TemplateException e) {
        throw new TemplateException("template parsing error: " + e.getMessage(), e);
      }
      out.println(template.execute(InspectTemplateData.of(view, image.configJson())));
    } else {
      out.println(Json.pretty4(view));
    }
    out.flush();
    return 0;
  }

  /**
   * Manifest and config through the image's transport, nothing pulled or loaded: a registry as it
   * serves the image, anything else as the store holds (or would hold) it.
   */
  private SourceImage read(TransportReference target) throws Exception {
    boolean remote = target.transport() == TransportReference.Transport.DOCKER;
    var platformWanted = PlatformOption.parse(platform, new WarningPrinter(spec.commandLine().getErr()));
    TransportSources sources = new TransportSources(store.open(), remote ? registry.sources(ProgressListener.NONE) : null);
    try (OpenedImage opened = sources.open(target)) {
      return remote
          ? SourceImageReader.read(opened.source(), opened.name(), platformWanted)
          : SourceImageReader.readAsStored(opened.source(), opened.name(), platformWanted);
    }
  }

  /**
   * sealos prints a local image's reference as it was typed, except for an image ID (or ID
   * prefix), where it prints the image's first name; images read through a transport
   * ({@code docker://}, archives, layouts) are shown by their name.
   */
  static String displayName(String typed, String storedName) {
    boolean imageId = typed.matches("(sha256:)?[0-9a-f]{3,64}");
    boolean transport = TransportReference.parse(typed).transport() != TransportReference.Transport.STORE;
    return (imageId || transport) && storedName != null ? storedName : typed;
  }
}

package io.kubefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Json;
import io.kubefile.transport.ImageSources;
import io.kubefile.transport.SourceImage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile inspect}: an image's config in the JSON shape {@code sealos inspect} prints, from
 * the store or straight from an archive or OCI layout.
 */
@Command(name = "inspect", description = "Show an image's configuration (local name or ID, oci-archive:PATH, docker-archive:PATH, oci:DIR[:REF]).")
public final class InspectCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE",
      description = "Go template, e.g. {{.OCIv1.config.Labels}} or {{json .OCIv1.config}}.")
  String format;

  @Parameters(index = "0", paramLabel = "REF")
  String ref;

  @Override
  public Integer call() throws Exception {
    SourceImage image = ImageSources.open(ref, store.open());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("Name", image.name());
    view.put("FromImageDigest", image.manifestDigest().toString());
    view.put("FromImageID", image.id().hex());
    view.put("OCIv1", image.configJson());
    PrintWriter out = spec.commandLine().getOut();
    if (format != null) {
      JsonNode tree = Json.mapper().valueToTree(view);
      out.println(GoTemplateLite.render(format, tree));
    } else {
      out.println(Json.pretty4(view));
    }
    out.flush();
    return 0;
  }
}

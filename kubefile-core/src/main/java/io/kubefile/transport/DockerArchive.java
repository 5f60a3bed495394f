package io.kubefile.transport;

import java.util.List;

/**
 * The {@code docker-archive} format, as {@code docker save} and skopeo write it: {@code
 * manifest.json} (Config, RepoTags, Layers), {@code repositories}, the config as {@code <id>.json}
 * and each layer uncompressed as {@code <diff-id>.tar}. Written by {@link
 * io.kubefile.copy.DockerArchiveSink}, read by {@link io.kubefile.copy.DockerArchiveSource}.
 */
public final class DockerArchive {
  private DockerArchive() {}

  /** One entry of manifest.json. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public record ManifestEntry(
      @com.fasterxml.jackson.annotation.JsonProperty("Config") String Config,
      @com.fasterxml.jackson.annotation.JsonProperty("RepoTags") List<String> RepoTags,
      @com.fasterxml.jackson.annotation.JsonProperty("Layers") List<String> Layers) {
    public ManifestEntry {
      RepoTags = RepoTags == null ? List.of() : List.copyOf(RepoTags);
      Layers = Layers == null ? List.of() : List.copyOf(Layers);
    }
  }
}

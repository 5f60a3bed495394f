package io.kubefile.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The OCI image configuration: platform, runtime config, layer diff IDs and history. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "created", "author", "architecture", "os", "variant", "config", "rootfs", "history"
})
public record ImageConfig(
    @JsonProperty("created") String created,
    @JsonProperty("author") String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("config") RuntimeConfig config,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") List<History> history) {

  public ImageConfig {
    config = config == null ? RuntimeConfig.empty() : config;
    rootfs = rootfs == null ? new RootFs("layers", List.of()) : rootfs;
    history = history == null ? List.of() : List.copyOf(history);
  }

  public Platform platform() {
    return new Platform(architecture, os, variant);
  }

  /** The layers' uncompressed digests, in order. */
  @JsonPropertyOrder({"type", "diff_ids"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RootFs(
      @JsonProperty("type") String type,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("diff_ids") List<Digest> diffIds) {
    public RootFs {
      diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }
  }

  /** One history entry; {@code empty_layer} marks instructions that added no layer. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record History(
      @JsonProperty("created") String created,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("author") String author,
      @JsonProperty("comment") String comment,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("empty_layer") boolean emptyLayer) {}
}

package io.kubefile.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} object of an image config: what a container started from the image gets.
 * Field names are Go's, as every engine writes them. {@code Cmd} and {@code Entrypoint} keep the
 * difference between absent (null) and empty ({@code []}), which buildkit gives meaning to.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
  "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell"
})
public record RuntimeConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
    @JsonProperty("Env") List<String> env,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("ArgsEscaped") boolean argsEscaped,
    @JsonProperty("Healthcheck") HealthConfig healthcheck,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonProperty("Shell") List<String> shell) {

  public static RuntimeConfig empty() {
    return new RuntimeConfig(
        null, Map.of(), List.of(), null, null, Map.of(), null, Map.of(), null, false, null,
        List.of(), List.of());
  }

  public RuntimeConfig {
    exposedPorts = exposedPorts == null ? Map.of() : exposedPorts;
    env = env == null ? List.of() : env;
    volumes = volumes == null ? Map.of() : volumes;
    labels = labels == null ? Map.of() : labels;
    onBuild = onBuild == null ? List.of() : onBuild;
    shell = shell == null ? List.of() : shell;
  }

  /** Docker's HEALTHCHECK settings; durations in nanoseconds as Go's time.Duration. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  @JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HealthConfig(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") long interval,
      @JsonProperty("Timeout") long timeout,
      @JsonProperty("StartPeriod") long startPeriod,
      @JsonProperty("StartInterval") long startInterval,
      @JsonProperty("Retries") int retries) {}
}

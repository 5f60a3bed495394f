package io.kubefile.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a docker credential helper ({@code docker-credential-<name> get}) with the server URL on
 * stdin and reads {@code {"ServerURL","Username","Secret"}} from stdout. A {@code Username} of
 * {@code <token>} means the secret is an identity token. The helper's output is never echoed into
 * errors, since it holds the secret.
 */
final class CredentialHelper {
  private static final String TOKEN_USERNAME = "<token>";
  private static final long TIMEOUT_SECONDS = 60;

  private final List<Path> searchPath;

  CredentialHelper(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  /** Empty when the helper knows no credentials for {@code serverUrl}. */
  Optional<Credentials> get(String helperName, String serverUrl) throws IOException {
    String program = "docker-credential-" + helperName;
    Path executable =
        searchPath.stream()
            .map(dir -> dir.resolve(program))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () -> new IOException("credential helper " + program + " not found in PATH"));
    Process process = new ProcessBuilder(executable.toString(), "get").start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    }
    byte[] stdout;
    try (InputStream out = process.getInputStream()) {
      stdout = out.readAllBytes();
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(program + " did not finish in " + TIMEOUT_SECONDS + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running " + program, e);
    }
    String text = new String(stdout, StandardCharsets.UTF_8).trim();
    if (process.exitValue() != 0) {
      // docker-credential-helpers' ErrCredentialsNotFound: not an error, just no credentials.
      if (text.contains("credentials not found")) {
        return Optional.empty();
      }
      throw new IOException(program + " get failed with exit status " + process.exitValue());
    }
    JsonNode json;
    try {
      json = Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new IOException(program + " printed something that is not JSON");
    }
    String username = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        username.equals(TOKEN_USERNAME)
            ? Credentials.identityToken("", secret)
            : Credentials.of(username, secret));
  }
}

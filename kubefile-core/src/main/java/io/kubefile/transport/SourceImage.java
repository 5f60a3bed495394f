package io.kubefile.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One image read from wherever it lives (store, oci layout, archive) without importing it.
 *
 * @param name its full name, or the reference the user gave when it has none
 * @param configBytes the config exactly as stored; its digest is the image ID
 */
public record SourceImage(String name, Digest manifestDigest, ImageManifest manifest, byte[] configBytes) {
  public Digest id() {
    return Digest.sha256(configBytes);
  }

  /** The config as a JSON tree, every field kept (the typed model drops unknown ones). */
  public JsonNode configJson() {
    try {
      return Json.mapper().readTree(configBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

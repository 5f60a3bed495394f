package io.kubefile.run;

import io.kubefile.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The cluster registry as the rootfs describes it in {@code etc/registry.yml} (sealos's
 * {@code GetRegistryInfo}: fields {@code username}, {@code password}, {@code data}; defaults
 * {@code admin}, {@code passw0rd}, {@code /var/lib/registry}), and its {@code htpasswd} line (R16):
 * bcrypt, made once per cluster and kept in {@code ~/.sealos/<cluster>/etc/registry_htpasswd} as
 * sealos keeps it, so every run sends the same file.
 */
record RegistryInfo(String username, String password, String data) {
  static final String DEFAULT_DATA = "/var/lib/registry";

  /** Reads {@code registry.yml} (null: the rootfs has none, so the defaults apply). */
  static RegistryInfo of(Path registryYml) throws IOException {
    Map<?, ?> fields = Map.of();
    if (registryYml != null) {
      try {
        Object doc = new Load(LoadSettings.builder().setLabel(registryYml.toString()).build())
            .loadFromString(Files.readString(registryYml));
        fields = doc instanceof Map<?, ?> map ? map : Map.of();
      } catch (YamlEngineException e) {
        throw new RunException("etc/registry.yml of the rootfs is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return new RegistryInfo(text(fields.get("username"), "admin"), text(fields.get("password"), "passw0rd"),
        text(fields.get("data"), DEFAULT_DATA));
  }

  /**
   * The htpasswd line of the cluster: the saved one while user and password still match it, else a
   * new one. Nothing is written yet ({@link Htpasswd#save}): this is the slow part (bcrypt at cost
   * 10, as sealos makes it, ~0.1 s in a JVM that has compiled none of it), so a run does it while
   * the hosts are being reached, and keeps the file only once the run goes ahead.
   */
  Htpasswd htpasswd(Path clusterDir) throws IOException {
    Path file = clusterDir.resolve("etc/registry_htpasswd");
    if (Files.exists(file)) {
      String existing = Files.readString(file);
      int colon = existing.indexOf(':');
      if (colon > 0 && existing.substring(0, colon).equals(username)
          && OpenBSDBCrypt.checkPassword(existing.substring(colon + 1).strip(), password.toCharArray())) {
        return new Htpasswd(file, existing.getBytes(StandardCharsets.UTF_8), true);
      }
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] line = (username + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 10) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    return new Htpasswd(file, line, false);
  }

  /** An htpasswd line and where the cluster keeps it; {@code saved}: the file holds it already. */
  record Htpasswd(Path file, byte[] line, boolean saved) {
    /** Keeps the line in the cluster's file (if it is not there yet), so every later run sends the same one. */
    byte[] save() throws IOException {
      if (!saved) {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, line);
      }
      return line;
    }
  }

  private static String text(Object value, String fallback) {
    return value == null || value.toString().isEmpty() ? fallback : value.toString();
  }
}

package io.kubefile.maven;

import io.kubefile.distribution.Credentials;
import io.kubefile.distribution.CredentialsProvider;
import io.kubefile.distribution.Repository;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Credentials from {@code settings.xml}: the {@code <server>} whose id is the registry host (as
 * {@code jib-maven-plugin} does), its password decrypted when it is encrypted ({@code mvn
 * --encrypt-password}); registries without one fall back to the auth files.
 */
final class SettingsCredentials implements CredentialsProvider {
  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final CredentialsProvider fallback;

  SettingsCredentials(Settings settings, SettingsDecrypter decrypter, CredentialsProvider fallback) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.fallback = fallback;
  }

  @Override
  public Optional<Credentials> credentialsFor(Repository repository) throws IOException {
    Server server = settings == null ? null : settings.getServer(repository.registry());
    if (server == null || server.getUsername() == null) {
      return fallback.credentialsFor(repository);
    }
    Server decrypted = server;
    if (decrypter != null) {
      SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new IOException("settings.xml server " + server.getId() + ": " + problem.getMessage());
        }
      }
      decrypted = result.getServer();
    }
    return Optional.of(Credentials.of(decrypted.getUsername(), decrypted.getPassword()));
  }
}

package io.kubefile.distribution;

import java.io.IOException;
import java.util.Optional;

/** Looks up the credentials to use for a repository; {@link CredentialStore} is the usual one. */
@FunctionalInterface
public interface CredentialsProvider {

  /** Anonymous access everywhere. */
  CredentialsProvider ANONYMOUS = repository -> Optional.empty();

  /** Empty for anonymous access; IOException when a credential source exists but cannot be read. */
  Optional<Credentials> credentialsFor(Repository repository) throws IOException;

  /** The same credentials for every registry (what {@code --creds user:pass} means). */
  static CredentialsProvider fixed(Credentials credentials) {
    return repository -> Optional.of(credentials);
  }
}

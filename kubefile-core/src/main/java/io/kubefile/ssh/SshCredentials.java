package io.kubefile.ssh;

import java.nio.file.Path;

/**
 * How to log in: a user (root when empty, as sealos) with a password, a private key file (OpenSSH
 * or PEM, optionally protected by a passphrase), or both. A user other than root reaches root
 * through {@code sudo}, answering its prompt with the password when there is one.
 */
public record SshCredentials(String user, String password, Path privateKey, String keyPassphrase) {

  public SshCredentials {
    user = user == null || user.isEmpty() ? "root" : user;
    password = password == null || password.isEmpty() ? null : password;
    keyPassphrase = keyPassphrase == null || keyPassphrase.isEmpty() ? null : keyPassphrase;
  }

  public boolean isRoot() {
    return user.equals("root");
  }
}

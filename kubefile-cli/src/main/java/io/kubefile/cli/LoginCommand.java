package io.kubefile.cli;

import io.kubefile.distribution.CredentialStore;
import io.kubefile.distribution.Credentials;
import io.kubefile.distribution.ProgressListener;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile login}: checks credentials against the registry, then saves them in the auth
 * file. Nothing is written when the registry refuses them.
 */
@Command(name = "login", description = {
    "Log in to a registry: check the credentials, then save them in the auth file.",
    "Writes --authfile, else $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json, else"
        + " /run/containers/$UID/auth.json: where podman, buildah and sealos login write, and the first file"
        + " every command reads credentials from (then $XDG_CONFIG_HOME/containers/auth.json,"
        + " $HOME/.docker/config.json, $HOME/.dockercfg; containers-auth.json(5))."})
public final class LoginCommand implements Callable<Integer> {
  @Mixin RegistryOptions registry;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-u", "--username"}, paramLabel = "USER")
  String username;

  @Option(names = {"-p", "--password"}, paramLabel = "PASS",
      description = "Password (visible in the process list and shell history; prefer --password-stdin).")
  String password;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "Registry host[:port], e.g. docker.io or 127.0.0.1:5000.")
  String server;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (password != null && passwordStdin) {
      throw new IllegalArgumentException("--password and --password-stdin are mutually exclusive");
    }
    String host = CredentialStore.normalizeKey(server);
    Console console = System.console();
    String user = username;
    if (user == null || user.isEmpty()) {
      if (passwordStdin || console == null) {
        throw new IllegalArgumentException("a username is needed: give it with --username"
            + (console == null ? " (standard input is not a terminal, so it cannot be asked for)" : ""));
      }
      user = console.readLine("Username: ");
    }
    String secret = password;
    if (passwordStdin) {
      secret = readStdin();
    } else if (secret == null) {
      if (console == null) {
        throw new IllegalArgumentException("a password is needed: give it with --password-stdin or --password"
            + " (standard input is not a terminal, so it cannot be asked for)");
      }
      char[] typed = console.readPassword("Password: ");
      secret = typed == null ? "" : new String(typed);
    }
    if (user == null || user.isEmpty() || secret.isEmpty()) {
      throw new IllegalArgumentException("the username and password must not be empty");
    }
    // The API lives at the host; a namespace key (quay.io/org) only narrows where the entry applies.
    String apiHost = host.contains("/") ? host.substring(0, host.indexOf('/')) : host;
    registry.client(ProgressListener.NONE).checkLogin(apiHost, Credentials.of(user, secret));
    Path authFile = registry.authFileForLogin();
    CredentialStore.saveCredentials(authFile, host, user, secret);
    out.println("Login Succeeded!");
    out.flush();
    return 0;
  }

  /** The password as docker reads it: the first line, without its line end. */
  private static String readStdin() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? "" : line;
  }
}

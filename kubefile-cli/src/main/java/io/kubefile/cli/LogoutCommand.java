package io.kubefile.cli;

import io.kubefile.distribution.CredentialStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile logout}: removes saved credentials for a registry, or all of them. */
@Command(name = "logout", description = "Remove the saved credentials of a registry (or all with -a).")
public final class LogoutCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--authfile", paramLabel = "FILE", description = "Auth file (default: the one login writes).")
  Path authFile;

  @Option(names = {"-a", "--all"}, description = "Remove the credentials of every registry.")
  boolean all;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRY")
  String server;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path file = authFile != null
        ? authFile
        : CredentialStore.defaultLoginAuthFile(System.getenv());
    if (all) {
      CredentialStore.removeAllCredentials(file);
      out.println("Removed login credentials for all registries");
    } else {
      if (server == null) {
        throw new IllegalArgumentException("name a registry to log out of, or use --all");
      }
      String host = CredentialStore.normalizeKey(server);
      if (!CredentialStore.removeCredentials(file, host)) {
        throw new IllegalArgumentException("not logged into " + host + " (no credentials in " + file + ")");
      }
      out.println("Removed login credentials for " + host);
    }
    out.flush();
    return 0;
  }
}

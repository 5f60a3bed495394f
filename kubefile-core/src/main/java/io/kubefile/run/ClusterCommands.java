package io.kubefile.run;

import io.kubefile.ssh.FileTransfer;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.HostOutput;
import io.kubefile.ssh.SshOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code exec} and {@code scp} (R33): a command or a copy on the hosts of a saved cluster, chosen
 * by {@code --ips} (verbatim, {@code --port} or {@code :22} added to bare IPs), else by roles, else all hosts; in
 * parallel; no env export and no {@code cd}, as sealos.
 */
public final class ClusterCommands {
  private final ClusterfileStore clusterfiles;
  private final SshOptions sshOptions;
  private final Path home;
  private final PrintStream out;
  private Clusterfile.SshSpec sshFlags;

  public ClusterCommands(ClusterfileStore clusterfiles, SshOptions sshOptions, Path home, PrintStream out) {
    this.clusterfiles = clusterfiles;
    this.sshOptions = sshOptions;
    this.home = home;
    this.out = out;
  }

  /**
   * The SSH flags of the command (null: none), over the Clusterfile's {@code spec.ssh} for this
   * command only ({@link ClusterAccess}); their port is the one of {@code --ips} given without one.
   */
  public ClusterCommands sshFlags(Clusterfile.SshSpec value) {
    this.sshFlags = value;
    return this;
  }

  /** Runs the commands (joined with {@code "; "}) on each target; fails naming the hosts where it failed. */
  public void exec(String clusterName, List<String> roles, List<String> ips, List<String> commands) {
    Clusterfile cluster = load(clusterName);
    String line = String.join("; ", commands);
    try (HostGroup group = access(cluster).connect(targets(cluster, roles, ips));
        HostOutput output = new HostOutput(out, null)) {
      Map<io.kubefile.ssh.HostAddress, Integer> status = group.onEach(group.addresses(), host -> host.run(line, output.sink(host.address())));
      List<String> failed = new ArrayList<>();
      status.forEach((host, code) -> {
        if (code != 0) {
          failed.add(host + " (exit status " + code + ")");
        }
      });
      if (!failed.isEmpty()) {
        throw new RunException("command failed on " + String.join(", ", failed));
      }
    }
  }

  /** Copies a local file or directory to {@code destination} on each target, over SFTP. */
  public void scp(String clusterName, List<String> roles, List<String> ips, Path source, String destination) {
    Clusterfile cluster = load(clusterName);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new RunException("scp: " + source + " does not exist");
    }
    // A symbolic link named as the source is followed, as scp and sealos follow it (a link copied
    // as a link would dangle on the hosts); links inside a directory are kept as links.
    Path content = source;
    if (Files.isSymbolicLink(source)) {
      try {
        content = source.toRealPath();
      } catch (IOException e) {
        throw new RunException("scp: " + source + " is a symbolic link that does not resolve", e);
      }
    }
    Path copied = content;
    try (HostGroup group = access(cluster).connect(targets(cluster, roles, ips))) {
      group.onEach(group.addresses(), host -> {
        try (FileTransfer transfer = host.transfer()) {
          copy(transfer, copied, target(host, source, Files.isDirectory(copied), destination));
          transfer.commit();
        }
        return null;
      });
    }
    out.println("transfers files success");
  }

  /**
   * A file copied to a directory that exists on the host (or to a path ending in {@code /}) goes
   * into it under its own name, as with scp and cp; replacing the directory by the file is never
   * meant (sealos fails there after leaving {@code <dir>.tmp} behind). A directory's contents are
   * copied into the destination, as sealos does.
   */
  private static String target(io.kubefile.ssh.Host host, Path source, boolean sourceIsDirectory, String destination) {
    if (sourceIsDirectory) {
      return destination;
    }
    // The name the user gave (a link's own name, not its target's).
    String name = source.getFileName().toString();
    if (destination.endsWith("/")) {
      return destination + name;
    }
    boolean directory = host.run("test -d " + io.kubefile.ssh.Shell.quote(destination), io.kubefile.ssh.LineSink.DISCARD) == 0;
    return directory ? destination + "/" + name : destination;
  }

  private static void copy(FileTransfer transfer, Path source, String destination) throws IOException {
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      send(transfer, source, destination);
      return;
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        String rel = source.relativize(path).toString();
        String target = rel.isEmpty() ? destination : destination + "/" + rel;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          // Only a directory the copy creates gets the source's mode, as with sealos's MkdirAll:
          // the destination and its subdirectories may be the host's own (/tmp, /etc).
          transfer.directoryIfMissing(target, FileManifest.mode(path));
        } else {
          send(transfer, path, target);
        }
      }
    }
  }

  private static void send(FileTransfer transfer, Path file, String target) throws IOException {
    if (Files.isSymbolicLink(file)) {
      transfer.symlink(Files.readSymbolicLink(file).toString(), target);
    } else {
      transfer.file(file, target, FileManifest.mode(file));
    }
  }

  private ClusterAccess access(Clusterfile cluster) {
    return new ClusterAccess(cluster, sshFlags, sshOptions, home);
  }

  private Clusterfile load(String clusterName) {
    return clusterfiles.load(clusterName).orElseThrow(() -> new RunException(
        "cluster " + clusterName + " does not exist (no Clusterfile at " + clusterfiles.path(clusterName) + ")"));
  }

  private List<String> targets(Clusterfile cluster, List<String> roles, List<String> ips) {
    List<String> targets = new ArrayList<>();
    if (!ips.isEmpty()) {
      // --port as for the addresses of run: sealos has no --port here and dials bare IPs on 22.
      int port = sshFlags != null && sshFlags.port() != null ? sshFlags.port() : 22;
      for (String ip : ips) {
        targets.add(ip.contains(":") ? ip : ip + ":" + port);
      }
      return targets;
    }
    if (!roles.isEmpty()) {
      for (String role : roles) {
        for (String host : cluster.hostsWithRole(role)) {
          if (!targets.contains(host)) {
            targets.add(host);
          }
        }
      }
      if (targets.isEmpty()) {
        throw new RunException("no host of cluster " + cluster.name() + " has role " + String.join(" or ", roles));
      }
      return targets;
    }
    return cluster.allHosts();
  }
}

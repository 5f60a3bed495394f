package io.kubefile.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;

/**
 * Transfers for a non-root user: SFTP runs as that user, who cannot write {@code /var/lib/sealos},
 * so files are written (atomically, with their modes) into a staging directory mirroring the
 * target paths (made 0700 in {@code /var/tmp}: no other local user reads what is staged), and {@link #commit()} moves each into place with one sudo command, owned by root.
 * The move is a rename when staging and target share a file system (the usual {@code /var}).
 * It is {@code mv -T}: the staged file or symlink replaces the target path itself, as the
 * SFTP rename does for root; plain {@code mv} put it inside the target when that was a directory
 * or a symlink to one (so through a symlink, anywhere on the host).
 *
 * <p>Sealos instead starts {@code sftp-server} through sudo, which needs the server's
 * {@code Subsystem} line and breaks with {@code internal-sftp}; staging needs only sudo.
 */
final class StagedFileTransfer extends SftpFileTransfer {
  private final SshHost host;
  private final String staging;
  /** The commit script's lines that make directories, in the order asked. */
  private final List<String> directories = new ArrayList<>();
  private final List<String> entries = new ArrayList<>();

  StagedFileTransfer(SshHost host, SftpClient sftp, String staging, java.io.Closeable release) {
    super(sftp, staging, release);
    this.host = host;
    this.staging = staging;
  }

  @Override
  public void directory(String remotePath, int mode) throws IOException {
    String dir = Shell.quote(remotePath);
    directories.add("mkdir -p " + dir + "\nchmod " + Integer.toOctalString(mode) + " " + dir);
  }

  @Override
  public void directoryIfMissing(String remotePath, int mode) throws IOException {
    String dir = Shell.quote(remotePath);
    directories.add("if [ ! -d " + dir + " ]; then mkdir -p " + dir + "; chmod " + Integer.toOctalString(mode) + " " + dir + "; fi");
  }

  @Override
  public void file(java.nio.file.Path local, String remotePath, int mode) throws IOException {
    super.file(local, remotePath, mode);
    entries.add(remotePath);
  }

  @Override
  public void file(byte[] content, String remotePath, int mode) throws IOException {
    super.file(content, remotePath, mode);
    entries.add(remotePath);
  }

  @Override
  public void symlink(String linkTarget, String remotePath) throws IOException {
    super.symlink(linkTarget, remotePath);
    entries.add(remotePath);
  }

  @Override
  public void commit() throws IOException {
    StringBuilder script = new StringBuilder("set -e\n");
    for (String line : directories) {
      script.append(line).append('\n');
    }
    for (String entry : entries) {
      String target = Shell.quote(entry);
      // One command a line: set -e stops at a failed one, but not at one failing before a "&&".
      script.append("mkdir -p \"$(dirname ").append(target).append(")\"\n")
          .append("chown -h 0:0 ").append(Shell.quote(staging + entry)).append('\n')
          .append("mv -fT ").append(Shell.quote(staging + entry)).append(' ').append(target).append('\n');
    }
    script.append("rm -rf ").append(Shell.quote(staging)).append('\n');
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    super.file(script.toString().getBytes(StandardCharsets.UTF_8), "/.commit.sh", 0700);
    Host.CommandOutput result = host.capture("bash " + Shell.quote(staging + "/.commit.sh"),
        line -> errors.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8)));
    if (result.status() != 0) {
      throw new IOException("moving staged files into place on " + host.address() + " failed: "
          + errors.toString(StandardCharsets.UTF_8).strip());
    }
    directories.clear();
    entries.clear();
    forgetDirectories();
  }

  @Override
  public void close() throws IOException {
    try {
      if (!entries.isEmpty() || !directories.isEmpty()) {
        // Not committed: drop what was staged so nothing half-done stays behind.
        host.capture("rm -rf " + Shell.quote(staging), LineSink.DISCARD);
      }
    } finally {
      super.close();
    }
  }
}

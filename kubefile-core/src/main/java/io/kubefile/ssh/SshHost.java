package io.kubefile.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A host behind one authenticated SSH session: each command is a new channel on it, and one SFTP
 * channel is opened on first transfer and kept, so a run with hundreds of commands and files pays
 * for one TCP connection and one key exchange per host (sealos dials a new connection per command).
 */
final class SshHost extends StreamingHost {
  private static final Duration REPORT_WAIT = Duration.ofSeconds(10);
  private final HostAddress address;
  private final ClientSession session;
  private final SshCredentials credentials;
  private SftpClient sftp;
  private final ReentrantLock sharedChannel = new ReentrantLock();

  SshHost(HostAddress address, ClientSession session, SshCredentials credentials) {
    this.address = address;
    this.session = session;
    this.credentials = credentials;
  }

  @Override
  public HostAddress address() {
    return address;
  }

  /**
   * Runs as root: directly for root, through sudo otherwise. A command with a limit reports its
   * process group first, so that it can be stopped for real when the limit passes.
   */
  @Override
  int execute(String command, OutputStream stdout, OutputStream stderr, Duration limit) {
    boolean limited = limit != null && !limit.isZero();
    StoppableCommand stoppable = limited ? new StoppableCommand() : null;
    String asRoot = limited ? stoppable.line(command) : command;
    boolean sudo = !credentials.isRoot();
    boolean withPassword = sudo && credentials.password() != null;
    String line = sudo ? SudoCommand.wrap(asRoot, withPassword) : asRoot;
    String stdin = withPassword ? credentials.password() + "\n" : null;
    try {
      if (!limited) {
        return executeAsLogin(line, stdout, stderr, stdin, null, null);
      }
      StoppableCommand.Errors errors = stoppable.errors(stderr);
      try {
        return executeAsLogin(line, stdout, errors, stdin, limit, stoppable);
      } finally {
        errors.finish();
      }
    } catch (IOException | IllegalStateException e) {
      throw new HostException("running a command on " + address + " failed: " + why(e), e);
    }
  }

  /**
   * Why opening or using a channel failed. On a connection that has closed (the host went down, or
   * its sshd ended the session part-way), MINA refuses a new channel with an IllegalStateException
   * that names only its internals ("Channel id=3 not registered because session is being closed:
   * ChannelExec[...]"); the user is told the connection closed.
   */
  private String why(Exception e) {
    return session.isOpen() ? e.getMessage() : "the connection was closed";
  }

  /**
   * Runs exactly {@code line} as the login user, feeding {@code stdin} when given, within
   * {@code limit} (null: none); past the limit, {@code stoppable} is stopped before its channel is
   * closed (closing alone would leave it running).
   */
  private int executeAsLogin(String line, OutputStream stdout, OutputStream stderr, String stdin, Duration limit,
      StoppableCommand stoppable) throws IOException {
    try (ChannelExec channel = session.createExecChannel(line)) {
      channel.setOut(stdout);
      channel.setErr(stderr);
      channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
      channel.open().verify();
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
          limit == null || limit.isZero() ? 0L : limit.toMillis());
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        CommandTimedOutException timedOut = new CommandTimedOutException(address, "a command", limit);
        try {
          if (stoppable != null) {
            stop(stoppable);
          }
        } catch (RuntimeException e) {
          timedOut.addSuppressed(e);
        }
        channel.close(true);
        throw timedOut;
      }
      Integer status = channel.getExitStatus();
      // No status means the command was killed by a signal or the connection dropped.
      return status == null ? 255 : status;
    }
  }

  /**
   * Kills the process group of a command that ran out of time, as root, over this connection. A
   * command that has not reported its group yet (a limit shorter than starting sudo and a shell)
   * is given a few seconds to do so; one that never does ended before running anything.
   */
  private void stop(StoppableCommand command) {
    OptionalLong group = command.awaitGroup(REPORT_WAIT);
    if (group.isPresent()) {
      execute(StoppableCommand.stopCommand(group.getAsLong()), OutputStream.nullOutputStream(),
          OutputStream.nullOutputStream(), null);
    }
  }

  /** The algorithm the key exchange chose for {@code option} (cipher, key exchange, ...). */
  String negotiated(KexProposalOption option) {
    return session.getNegotiatedKexParameter(option);
  }

  /**
   * A transfer on the connection's kept SFTP channel. MINA's SFTP client is not safe to send from
   * several threads, and a run writes a host's trees at once (rootfs, registry content,
   * applications), so the channel serves one transfer at a time: another thread's transfer waits
   * until the one before it is closed.
   */
  @Override
  public FileTransfer transfer() {
    sharedChannel.lock();
    try {
      return transferOver(sftp(), sharedChannel::unlock);
    } catch (IOException | IllegalStateException e) {
      sharedChannel.unlock();
      throw new HostException("opening SFTP to " + address + " failed: " + why(e), e);
    } catch (RuntimeException e) {
      sharedChannel.unlock();
      throw e;
    }
  }

  /** A transfer on an SFTP channel of its own, closed with it, for one thread among several. */
  @Override
  public FileTransfer separateTransfer() {
    try {
      SftpClient client = SftpClientFactory.instance().createSftpClient(session);
      return transferOver(client, client::close);
    } catch (IOException | IllegalStateException e) {
      throw new HostException("opening another SFTP channel to " + address + " failed: " + why(e), e);
    }
  }

  private FileTransfer transferOver(SftpClient client, java.io.Closeable release) {
    if (credentials.isRoot()) {
      return new SftpFileTransfer(client, "", release);
    }
    return new StagedFileTransfer(this, client, "/var/tmp/.kubefile-staging-" + UUID.randomUUID(), release);
  }

  private synchronized SftpClient sftp() throws IOException {
    if (sftp == null || !sftp.isOpen()) {
      sftp = SftpClientFactory.instance().createSftpClient(session);
    }
    return sftp;
  }

  @Override
  public synchronized void close() {
    try {
      if (sftp != null) {
        sftp.close();
      }
      session.close();
    } catch (IOException ignored) {
      // closing a session whose peer is gone cannot fail in a way that matters
    }
  }
}

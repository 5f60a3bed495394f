package io.kubefile.ssh;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.DefaultCloseableHandle;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.client.impl.SftpResponse;
import org.apache.sshd.sftp.client.impl.SftpStatus;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Files and directories created over SFTP with a mode in the request itself, so that no other
 * local user of the host ever reaches them. MINA's {@code open} and {@code mkdir} send no
 * attributes, so the server creates them 0666 or 0777 minus its umask (0644 and 0755 with the usual
 * 022): a temporary file's bytes could be read by anyone while they arrived (the Clusterfile's copy
 * holds the SSH password), and whoever opened the file then keeps reading after the later chmod.
 * These are MINA's own requests with a permissions attribute added, sent over its raw interface.
 */
final class PrivateSftp {
  private PrivateSftp() {}

  /** Opens {@code path} for writing, truncated, or created with {@code mode} (minus the server's umask). */
  static SftpOutputStreamAsync write(SftpClient sftp, String path, int bufferSize, int mode) throws IOException {
    AbstractSftpClient client = client(sftp);
    int version = sftp.getVersion();
    Buffer request = new ByteArrayBuffer(path.length() + 64, false);
    request.putString(path, sftp.getNameDecodingCharset());
    if (version < SftpConstants.SFTP_V5) {
      request.putInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC);
    } else {
      request.putInt(SftpConstants.ACE4_WRITE_DATA | SftpConstants.ACE4_WRITE_ATTRIBUTES);
      request.putInt(SftpConstants.SSH_FXF_CREATE_TRUNCATE);
    }
    putPermissions(request, version, SftpConstants.SSH_FILEXFER_TYPE_REGULAR, mode);
    SftpResponse response = call(client, SftpConstants.SSH_FXP_OPEN, request);
    if (response.getType() != SftpConstants.SSH_FXP_HANDLE) {
      throw failure(response, "open", path);
    }
    byte[] handle = response.getBuffer().getBytes();
    // true: the stream owns the handle and closes it when closed.
    return new SftpOutputStreamAsync(client, bufferSize, path, new DefaultCloseableHandle(sftp, path, handle), true);
  }

  /** Makes the directory {@code path} with {@code mode} (minus the server's umask); fails if it exists. */
  static void mkdir(SftpClient sftp, String path, int mode) throws IOException {
    AbstractSftpClient client = client(sftp);
    Buffer request = new ByteArrayBuffer(path.length() + 32, false);
    request.putString(path, sftp.getNameDecodingCharset());
    putPermissions(request, sftp.getVersion(), SftpConstants.SSH_FILEXFER_TYPE_DIRECTORY, mode);
    SftpResponse response = call(client, SftpConstants.SSH_FXP_MKDIR, request);
    if (response.getType() != SftpConstants.SSH_FXP_STATUS || !SftpStatus.parse(response).isOk()) {
      throw failure(response, "mkdir", path);
    }
  }

  /** ATTRS with only the permissions; from version 4 on the type comes first, always present. */
  private static void putPermissions(Buffer request, int version, int type, int mode) {
    request.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
    if (version >= SftpConstants.SFTP_V4) {
      request.putByte((byte) type);
    }
    request.putInt(mode);
  }

  private static SftpResponse call(AbstractSftpClient client, int command, Buffer request) throws IOException {
    RawSftpClient raw = (RawSftpClient) client;
    int id = raw.send(command, request);
    return SftpResponse.parse(command, raw.receive(id));
  }

  private static IOException failure(SftpResponse response, String what, String path) throws IOException {
    if (response.getType() == SftpConstants.SSH_FXP_STATUS) {
      SftpStatus status = SftpStatus.parse(response);
      return new SftpException(status.getStatusCode(), what + " " + path + ": " + status.getMessage());
    }
    return new IOException(what + " " + path + ": unexpected SFTP reply "
        + SftpConstants.getCommandMessageName(response.getType()));
  }

  private static AbstractSftpClient client(SftpClient sftp) throws IOException {
    if (sftp instanceof AbstractSftpClient client && sftp instanceof RawSftpClient) {
      return client;
    }
    throw new IOException("the SFTP client " + sftp.getClass().getName() + " cannot send attributes");
  }
}

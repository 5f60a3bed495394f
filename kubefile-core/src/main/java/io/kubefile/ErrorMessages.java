package io.kubefile;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The sentence a person reads for any failure, whoever threw it. Our own exceptions
 * ({@link KubefileException}) already carry one; the JDK's often carry only a path ({@code
 * NoSuchFileException: /x}) or nothing ({@code ClosedChannelException}), and their class names mean
 * nothing to someone building a cluster image. Used by the CLI for its one-line error and by the
 * library wherever it quotes a lower layer's failure inside its own message.
 */
public final class ErrorMessages {
  private ErrorMessages() {}

  /** What went wrong, in words, without a Java class name. */
  public static String of(Throwable failure) {
    for (Throwable e = unwrap(failure); e != null; e = e.getCause() == e ? null : unwrap(e.getCause())) {
      String message = e.getMessage();
      boolean hasOwnMessage = message != null && !message.isBlank()
          && (e.getCause() == null || !message.equals(e.getCause().toString()));
      if (e instanceof KubefileException && hasOwnMessage) {
        return message;
      }
      if (e instanceof FileSystemException fs && fs.getFile() != null) {
        String what = fileProblem(fs);
        return what != null ? what + ": " + fs.getFile()
            : fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason());
      }
      String network = networkProblem(e);
      if (network != null) {
        return network;
      }
      if (hasOwnMessage) {
        return message;
      }
    }
    return "internal error; rerun with --debug for the stack trace";
  }

  /** The failure a wrapper (a future, an unchecked I/O error) stands for. */
  public static Throwable unwrap(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException || e instanceof UncheckedIOException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String fileProblem(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return null;
  }

  private static String networkProblem(Throwable e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
      return "timed out waiting for an answer";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (e instanceof ConnectException || e instanceof ClosedChannelException) {
      String message = e.getMessage();
      return message == null || message.isBlank() ? "connection refused" : message.toLowerCase(java.util.Locale.ROOT);
    }
    return null;
  }
}

package io.kubefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.BuildException;
import io.kubefile.distribution.RegistryException;
import io.kubefile.lang.parser.ParseException;
import io.kubefile.save.RegistrySaveException;
import io.kubefile.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

  @Test
  void everyLibraryFailureIsAKubefileException() {
    for (Class<?> type : new Class<?>[] {BuildException.class, StoreException.class, RegistryException.class,
        RegistrySaveException.class, ParseException.class, io.kubefile.discovery.DiscoveryException.class,
        io.kubefile.lang.shell.ShellExpansionException.class, io.kubefile.registrydir.BlobVerificationException.class,
        io.kubefile.registrydir.MissingContentException.class, io.kubefile.registrydir.RepositoryCollisionException.class,
        io.kubefile.image.ImageReference.InvalidReferenceException.class, io.kubefile.context.BadPatternException.class}) {
      assertThat(KubefileException.class).as(type.getName()).isAssignableFrom(type);
    }
  }

  @Test
  void aLibraryMessageIsShownAsWritten() {
    assertThat(ErrorMessages.of(new BuildException("Kubefile:3: COPY failed: no such file"))).isEqualTo(
        "Kubefile:3: COPY failed: no such file");
  }

  @Test
  void aFileSystemErrorSaysWhatIsWrongWithThePath() {
    assertThat(ErrorMessages.of(new NoSuchFileException("/no/such/Kubefile")))
        .isEqualTo("no such file or directory: /no/such/Kubefile");
    assertThat(ErrorMessages.of(new UncheckedIOException(new AccessDeniedException("/root/x"))))
        .isEqualTo("permission denied: /root/x");
  }

  @Test
  void wrappersOfParallelWorkAreSeenThrough() {
    var cause = new StoreException("image \"x\" not known");
    assertThat(ErrorMessages.of(new CompletionException(cause))).isEqualTo("image \"x\" not known");
    assertThat(ErrorMessages.of(new ExecutionException(new CompletionException(cause)))).isEqualTo("image \"x\" not known");
  }

  @Test
  void aRefusedConnectionIsNamedWithoutJavaClassNames() {
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());
    String message = ErrorMessages.of(new IOException(refused));
    assertThat(message).isEqualTo("connection refused").doesNotContain("Exception");
  }

  @Test
  void aFailureWithoutAMessageAsksForDebugOutputInsteadOfNamingAClass() {
    assertThat(ErrorMessages.of(new NullPointerException()))
        .isEqualTo("internal error; rerun with --debug for the stack trace");
  }
}

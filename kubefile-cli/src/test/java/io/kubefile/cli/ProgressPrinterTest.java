package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.ProgressListener.BlobOutcome;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Transfer progress: a live line per blob on a terminal, read back through a played ANSI screen. */
class ProgressPrinterTest {
  private static final Descriptor FIRST = blob("first", 4L << 20);
  private static final Descriptor SECOND = blob("second", 8L << 20);
  private static final Terminal PLAIN_TERMINAL = new Terminal(true, false);

  private final StringWriter output = new StringWriter();
  /** The printer's clock: time moves only when a test moves it. */
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ProgressPrinter printer(ProgressMode mode, Terminal terminal) {
    return new ProgressPrinter(new PrintWriter(output), mode, terminal, nanos::get);
  }

  @Test
  void on_a_terminal_two_blobs_in_flight_have_a_live_line_each() {
    ProgressPrinter tty = printer(ProgressMode.TTY, PLAIN_TERMINAL);
    tty.started(FIRST);
    tty.started(SECOND);

    assertThat(AnsiScreen.play(output.toString()).lines()).containsExactly(
        "Copying blob sha256:" + FIRST.digest().shortHex() + "  0 B / 4.0 MiB",
        "Copying blob sha256:" + SECOND.digest().shortHex() + "  0 B / 8.0 MiB");
  }

  @Test
  void a_finished_blob_line_is_kept_above_the_live_lines_of_the_others() {
    ProgressPrinter tty = printer(ProgressMode.TTY, PLAIN_TERMINAL);
    tty.started(FIRST);
    tty.started(SECOND);
    tty.finished(FIRST, BlobOutcome.DOWNLOADED);

    assertThat(AnsiScreen.play(output.toString()).lines()).containsExactly(
        "Copying blob sha256:" + FIRST.digest().shortHex() + " done  4.0 MiB",
        "Copying blob sha256:" + SECOND.digest().shortHex() + "  0 B / 8.0 MiB");

    tty.finished(SECOND, BlobOutcome.ALREADY_PRESENT);

    assertThat(AnsiScreen.play(output.toString()).lines()).containsExactly(
        "Copying blob sha256:" + FIRST.digest().shortHex() + " done  4.0 MiB",
        "Copying blob sha256:" + SECOND.digest().shortHex() + " skipped: already exists");
  }

  @Test
  void a_live_line_shows_bytes_done_and_a_rate() {
    ProgressPrinter tty = printer(ProgressMode.TTY, PLAIN_TERMINAL);
    tty.started(FIRST);
    nanos.addAndGet(500_000_000L);
    tty.progressed(FIRST, 1L << 20);

    assertThat(AnsiScreen.play(output.toString()).lines()).singleElement().asString()
        .isEqualTo("Copying blob sha256:" + FIRST.digest().shortHex() + "  1.0 MiB / 4.0 MiB  2.0 MiB/s");
  }

  @Test
  void off_a_terminal_only_one_line_per_finished_blob_without_control_characters() {
    ProgressPrinter plain = printer(ProgressMode.PLAIN, PLAIN_TERMINAL);
    plain.started(FIRST);
    plain.progressed(FIRST, 1L << 20);
    plain.finished(FIRST, BlobOutcome.DOWNLOADED);
    Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, blob("config", 10).digest(), 10);
    plain.finished(config, BlobOutcome.DOWNLOADED);

    assertThat(output.toString()).doesNotContain("\033").doesNotContain("\r").isEqualTo(
        "Copying blob sha256:" + FIRST.digest().shortHex() + " done" + System.lineSeparator()
            + "Copying config sha256:" + config.digest().shortHex() + " done" + System.lineSeparator());
  }

  @Test
  void colour_only_on_an_interactive_terminal_and_never_with_NO_COLOR() {
    assertThat(Terminal.of(true, Map.of()).colour()).isTrue();
    assertThat(Terminal.of(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
    assertThat(Terminal.of(true, Map.of("NO_COLOR", "")).colour()).as("empty NO_COLOR means unset").isTrue();
    assertThat(Terminal.of(false, Map.of()).colour()).isFalse();
    assertThat(Terminal.of(true, Map.of("TERM", "dumb")).interactive()).isFalse();

    printer(ProgressMode.PLAIN, Terminal.of(true, Map.of())).finished(FIRST, BlobOutcome.DOWNLOADED);
    assertThat(output.toString()).contains("\033[32mdone\033[0m");
  }

  private static Descriptor blob(String seed, long size) {
    return Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)), size);
  }
}

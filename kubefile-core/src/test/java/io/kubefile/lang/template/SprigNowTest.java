package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The date functions that read the clock ({@code now}, {@code ago}, {@code durationRound} of a
 * time), which an oracle rendering a moment later cannot match byte for byte.
 */
class SprigNowTest {
  private static String render(String text) {
    return GoTemplate.parse("t", text).execute(Map.of());
  }

  @Test
  void now_is_the_current_time_with_a_monotonic_reading() {
    assertThat(render("{{ date \"2006\" now }}")).isEqualTo(Year.now().toString());
    assertThat(render("{{ now }}")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? [+-]\\d{4} \\S+ m=\\+\\d+\\.\\d{9}");
    assertThat(render("{{ (now).UTC }}")).doesNotContain("m=");
    assertThat(render("{{ date \"2006\" \"not a time\" }}")).isEqualTo(Year.now().toString());
  }

  @Test
  void ago_and_duration_round_measure_from_now() {
    assertThat(render("{{ ago (dateModify \"-90s\" now) }}")).isEqualTo("1m30s");
    assertThat(render("{{ ago (dateModify \"2h\" now) }}")).isEqualTo("-2h0m0s");
    assertThat(render("{{ durationRound (dateModify \"-49h\" now) }}")).isEqualTo("2d");
    // Go durations have no day unit: dateModify leaves the time as it is
    assertThat(render("{{ durationRound (dateModify \"-400d\" now) }}")).isEqualTo("0s");
  }
}

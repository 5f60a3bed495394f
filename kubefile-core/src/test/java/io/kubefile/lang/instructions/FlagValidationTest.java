package io.kubefile.lang.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.lang.parser.ParseException;
import org.junit.jupiter.api.Test;

/** buildkit's BFlags rules, with its messages, located at file:line. */
class FlagValidationTest {

  private static Instruction second(String line) throws ParseException {
    return InstructionModelTest.only(line);
  }

  @Test
  void anUnknownFlagIsAnError() {
    assertThatThrownBy(() -> second("COPY --user=me a b"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:2: Unknown flag: user");
    assertThatThrownBy(() -> second("CMD --doit [\"a\"]")).hasMessage("Kubefile:2: Unknown flag: doit");
    assertThatThrownBy(() -> second("ADD --parents a b")).hasMessage("Kubefile:2: Unknown flag: parents");
  }

  @Test
  void aNonRepeatableFlagGivenTwiceIsAnError() {
    assertThatThrownBy(() -> second("COPY --from=a --from=b x y"))
        .hasMessage("Kubefile:2: Duplicate flag specified: from");
    assertThatThrownBy(() -> second("COPY --link --link=false x y"))
        .hasMessage("Kubefile:2: Duplicate flag specified: link");
  }

  @Test
  void repeatableFlagsCollectEveryValue() throws Exception {
    RunInstruction run = (RunInstruction) second("RUN --device=a --device=b true");
    assertThat(run.devices()).containsExactly("a", "b");
  }

  @Test
  void boolFlagsAcceptBareTrueAndFalse() throws Exception {
    assertThat(((CopyInstruction) second("COPY --link a b")).link()).isTrue();
    assertThat(((CopyInstruction) second("COPY --link=TRUE a b")).link()).isTrue();
    assertThat(((CopyInstruction) second("COPY --link=false a b")).link()).isFalse();
    assertThatThrownBy(() -> second("COPY --link=yes a b"))
        .hasMessage("Kubefile:2: Expecting boolean value for flag link, not: yes");
    assertThatThrownBy(() -> second("COPY --link= a b")).hasMessage("Kubefile:2: Missing a value on flag: link");
  }

  @Test
  void stringFlagsNeedAValue() {
    assertThatThrownBy(() -> second("COPY --from a b")).hasMessage("Kubefile:2: Missing a value on flag: from");
    assertThatThrownBy(() -> second("COPY --exclude a b")).hasMessage("Kubefile:2: Missing a value on flag: exclude");
  }

  @Test
  void anEmptyStringValueIsAllowed() throws Exception {
    assertThat(((CopyInstruction) second("COPY --chown= a b")).chown()).isEmpty();
  }

  @Test
  void instructionsWithoutFlagsRejectAnyFlag() {
    assertThatThrownBy(() -> second("ENV --x=1 A=B")).hasMessage("Kubefile:2: Unknown flag: x");
    assertThatThrownBy(() -> second("WORKDIR --x /a")).hasMessage("Kubefile:2: Unknown flag: x");
  }

  @Test
  void runNetworkAndSecurityModesAreChecked() {
    assertThatThrownBy(() -> second("RUN --network=bridge true"))
        .hasMessage("Kubefile:2: unsupported network mode \"bridge\"");
    assertThatThrownBy(() -> second("RUN --security=root true"))
        .hasMessage("Kubefile:2: unsupported security mode \"root\"");
  }

  @Test
  void fromAcceptsOnlyPlatform() {
    assertThatThrownBy(() -> InstructionModelTest.parse("FROM --pull=always scratch\n"))
        .hasMessage("Kubefile:1: Unknown flag: pull");
  }
}

package io.kubefile.lang.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.lang.parser.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each instruction becomes; values stay raw. */
class InstructionModelTest {

  static Kubefile parse(String text) throws ParseException {
    return Kubefile.parse(text.getBytes(StandardCharsets.UTF_8), "Kubefile");
  }

  static Instruction only(String instructionAfterFrom) throws ParseException {
    return parse("FROM scratch\n" + instructionAfterFrom + "\n").stages().get(0).instructions().get(0);
  }

  @Test
  void stagesGroupInstructionsAndMetaArgsPrecedeTheFirstFrom() throws Exception {
    Kubefile k = parse("""
        ARG VERSION=1.0
        FROM --platform=$BUILDPLATFORM golang:${VERSION} AS Build
        RUN make
        FROM scratch
        COPY --from=build /out /
        """);

    assertThat(k.metaArgs()).extracting(a -> a.args().get(0)).containsExactly(new ArgDefinition("VERSION", "1.0"));
    assertThat(k.stages()).hasSize(2);
    Stage build = k.stages().get(0);
    assertThat(build.index()).isZero();
    assertThat(build.name()).isEqualTo("build");
    assertThat(build.baseName()).isEqualTo("golang:${VERSION}");
    assertThat(build.from().platform()).isEqualTo("$BUILDPLATFORM");
    assertThat(build.instructions()).hasSize(1);
    assertThat(k.stages().get(1).nameIfAny()).isEmpty();
    CopyInstruction copy = (CopyInstruction) k.stages().get(1).instructions().get(0);
    assertThat(copy.from()).isEqualTo("build");
    assertThat(copy.span()).isEqualTo(new SourceSpan(5, 5));
  }

  @Test
  void onlyArgMayPrecedeTheFirstFrom() {
    assertThatThrownBy(() -> parse("LABEL a=b\nFROM scratch\n"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("Kubefile:1: Only ARG may precede the first FROM");
  }

  @Test
  void unknownInstructionsAreRejectedWithTheirLine() {
    assertThatThrownBy(() -> parse("FROM scratch\n\nFOO bar\n"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:3: unknown instruction: FOO");
  }

  @Test
  void stageNamesMustBeValid() {
    assertThatThrownBy(() -> parse("FROM scratch AS 1st\n"))
        .hasMessage("Kubefile:1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
    assertThatThrownBy(() -> parse("FROM scratch AS\n"))
        .hasMessage("Kubefile:1: FROM requires either one or three arguments");
  }

  @Test
  void envKeepsRawValuesAndTheLegacyForm() throws Exception {
    EnvInstruction env = (EnvInstruction) only("ENV A=\"x y\" B=$A\\ z");
    assertThat(env.pairs()).containsExactly(new KeyValue("A", "\"x y\"", false), new KeyValue("B", "$A\\ z", false));

    EnvInstruction legacy = (EnvInstruction) only("ENV PATH /usr/bin:$PATH and more");
    assertThat(legacy.pairs()).containsExactly(new KeyValue("PATH", "/usr/bin:$PATH and more", true));
  }

  @Test
  void envWithoutValueIsAnErrorOfTheParser() {
    assertThatThrownBy(() -> parse("FROM scratch\nENV PATH\n")).hasMessage("Kubefile:2: ENV must have two arguments");
    assertThatThrownBy(() -> parse("FROM scratch\nENV\n")).hasMessage("Kubefile:2: ENV requires at least one argument");
  }

  @Test
  void labelsAreKeyValuePairs() throws Exception {
    LabelInstruction label = (LabelInstruction) only("LABEL sealos.io.type=application \\\n  version=\"v1\"");
    assertThat(label.pairs()).containsExactly(
        new KeyValue("sealos.io.type", "application", false), new KeyValue("version", "\"v1\"", false));
    assertThat(label.span()).isEqualTo(new SourceSpan(2, 3));
  }

  @Test
  void argsMayDeclareSeveralNamesWithOptionalDefaults() throws Exception {
    ArgInstruction arg = (ArgInstruction) only("ARG a b=\"1 2\" c=");
    assertThat(arg.args()).containsExactly(
        new ArgDefinition("a", null), new ArgDefinition("b", "\"1 2\""), new ArgDefinition("c", ""));
  }

  @Test
  void copyHasSourcesDestinationAndFlags() throws Exception {
    CopyInstruction copy = (CopyInstruction) only(
        "COPY --chown=1:1 --chmod=755 --link --exclude=*.md --exclude=tmp --parents a b /dest/");
    assertThat(copy.sources()).containsExactly("a", "b");
    assertThat(copy.destination()).isEqualTo("/dest/");
    assertThat(copy.chown()).isEqualTo("1:1");
    assertThat(copy.chmod()).isEqualTo("755");
    assertThat(copy.link()).isTrue();
    assertThat(copy.parents()).isTrue();
    assertThat(copy.excludes()).containsExactly("*.md", "tmp");
    assertThat(copy.from()).isNull();
    assertThat(copy.json()).isFalse();

    CopyInstruction json = (CopyInstruction) only("COPY [\"a b\", \"/c d/\"]");
    assertThat(json.json()).isTrue();
    assertThat(json.sources()).containsExactly("a b");
  }

  @Test
  void copyNeedsADestination() {
    assertThatThrownBy(() -> parse("FROM scratch\nCOPY a\n")).hasMessage(
        "Kubefile:2: COPY requires at least two arguments, but only one was provided. Destination could not be determined");
  }

  @Test
  void copyHeredocSourcesCarryTheirBody() throws Exception {
    CopyInstruction copy = (CopyInstruction) only("COPY <<-EOF <<'RAW' /etc/\n\thello $X\nEOF\n$Y\nRAW");
    assertThat(copy.sources()).isEmpty();
    assertThat(copy.heredocSources()).containsExactly(
        new HeredocSource("EOF", "hello $X\n", true), new HeredocSource("RAW", "$Y\n", false));
    assertThat(copy.span()).isEqualTo(new SourceSpan(2, 6));
  }

  @Test
  void addFlags() throws Exception {
    AddInstruction add = (AddInstruction) only(
        "ADD --checksum=sha256:abc --keep-git-dir=true --unpack=false --chown=a https://x/y.tgz /d");
    assertThat(add.checksum()).isEqualTo("sha256:abc");
    assertThat(add.keepGitDir()).isTrue();
    assertThat(add.unpack()).isFalse();
    assertThat(add.chown()).isEqualTo("a");
    assertThat(((AddInstruction) only("ADD a b")).unpack()).isNull();
  }

  @Test
  void cmdAndEntrypointRememberTheirForm() throws Exception {
    CmdInstruction exec = (CmdInstruction) only("CMD [\"bash\", \"entrypoint.sh\"]");
    assertThat(exec.command()).isEqualTo(new CommandForm(List.of("bash", "entrypoint.sh"), true));

    CmdInstruction shell = (CmdInstruction) only("CMD kubectl apply -f manifests/");
    assertThat(shell.command()).isEqualTo(new CommandForm(List.of("kubectl apply -f manifests/"), false));
    assertThat(shell.command().shellText()).isEqualTo("kubectl apply -f manifests/");

    EntrypointInstruction cleared = (EntrypointInstruction) only("ENTRYPOINT []");
    assertThat(cleared.command().arguments()).isEmpty();
    assertThat(cleared.command().execForm()).isTrue();
  }

  @Test
  void runKeepsMountsNetworkAndHeredocs() throws Exception {
    RunInstruction run = (RunInstruction) only(
        "RUN --mount=type=cache,target=/root --mount=type=secret,id=x --network=none <<EOF\necho hi\nEOF");
    assertThat(run.mounts()).containsExactly("type=cache,target=/root", "type=secret,id=x");
    assertThat(run.network()).isEqualTo("none");
    assertThat(run.command()).isEqualTo(new CommandForm(List.of("<<EOF"), false));
    assertThat(run.heredocs()).hasSize(1);
    assertThat(run.heredocs().get(0).content()).isEqualTo("echo hi\n");
  }

  @Test
  void shellMustBeJson() throws Exception {
    assertThat(((ShellInstruction) only("SHELL [\"/bin/bash\", \"-c\"]")).shell()).containsExactly("/bin/bash", "-c");
    assertThatThrownBy(() -> only("SHELL /bin/bash -c")).hasMessage("Kubefile:2: SHELL requires the arguments to be in JSON form");
  }

  @Test
  void healthcheckForms() throws Exception {
    HealthcheckInstruction none = (HealthcheckInstruction) only("HEALTHCHECK NONE");
    assertThat(none.isNone()).isTrue();

    HealthcheckInstruction cmd = (HealthcheckInstruction) only(
        "HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0.5s --start-interval=2s --retries=3 CMD curl -f http://x/");
    assertThat(cmd.test()).containsExactly("CMD-SHELL", "curl -f http://x/");
    assertThat(cmd.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(cmd.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(cmd.startPeriod()).isEqualTo(Duration.ofMillis(500));
    assertThat(cmd.startInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(cmd.retries()).isEqualTo(3);

    HealthcheckInstruction exec = (HealthcheckInstruction) only("HEALTHCHECK CMD [\"/check\", \"-q\"]");
    assertThat(exec.test()).containsExactly("CMD", "/check", "-q");
  }

  @Test
  void healthcheckErrors() {
    assertThatThrownBy(() -> only("HEALTHCHECK NONE x")).hasMessage("Kubefile:2: HEALTHCHECK NONE takes no arguments");
    assertThatThrownBy(() -> only("HEALTHCHECK CMD")).hasMessage("Kubefile:2: Missing command after HEALTHCHECK CMD");
    assertThatThrownBy(() -> only("HEALTHCHECK FOO x")).hasMessage("Kubefile:2: Unknown type \"FOO\" in HEALTHCHECK (try CMD)");
    assertThatThrownBy(() -> only("HEALTHCHECK --interval=10us CMD x"))
        .hasMessage("Kubefile:2: Interval \"interval\" cannot be less than 1ms");
    assertThatThrownBy(() -> only("HEALTHCHECK --timeout=5 CMD x"))
        .hasMessage("Kubefile:2: time: missing unit in duration \"5\"");
    assertThatThrownBy(() -> only("HEALTHCHECK --retries=-1 CMD x"))
        .hasMessage("Kubefile:2: --retries cannot be negative (-1)");
  }

  @Test
  void onbuildKeepsTheRawTrigger() throws Exception {
    OnbuildInstruction onbuild = (OnbuildInstruction) only("ONBUILD COPY --from=x a /b");
    assertThat(onbuild.expression()).isEqualTo("COPY --from=x a /b");
    assertThatThrownBy(() -> only("ONBUILD ONBUILD RUN x"))
        .hasMessage("Kubefile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    assertThatThrownBy(() -> only("ONBUILD FROM x")).hasMessage("Kubefile:2: FROM isn't allowed as an ONBUILD trigger");
  }

  @Test
  void singleArgumentInstructions() throws Exception {
    assertThat(((WorkdirInstruction) only("WORKDIR $HOME/app")).path()).isEqualTo("$HOME/app");
    assertThat(((UserInstruction) only("USER 1000:1000")).user()).isEqualTo("1000:1000");
    assertThat(((StopSignalInstruction) only("STOPSIGNAL SIGTERM")).signal()).isEqualTo("SIGTERM");
    assertThat(((MaintainerInstruction) only("MAINTAINER Jane Doe")).maintainer()).isEqualTo("Jane Doe");
    assertThat(((ExposeInstruction) only("EXPOSE 80/tcp 443")).ports()).containsExactly("80/tcp", "443");
    assertThat(((VolumeInstruction) only("VOLUME /a /b")).volumes()).containsExactly("/a", "/b");
    assertThatThrownBy(() -> only("USER")).hasMessage("Kubefile:2: USER requires exactly one argument");
  }

  @Test
  void keywordsAreCaseInsensitiveAndCanonical() throws Exception {
    Instruction copy = only("copy a b");
    assertThat(copy.keyword()).isEqualTo("COPY");
    assertThat(only("stopsignal 9").keyword()).isEqualTo("STOPSIGNAL");
    assertThat(copy.original()).isEqualTo("copy a b");
  }
}

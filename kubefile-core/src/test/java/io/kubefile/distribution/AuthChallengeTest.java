package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void aBearerChallengeGivesRealmServiceAndScopeEvenWithCommasInQuotes() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
            + "scope=\"repository:samalba/my-app:pull,push\"");

    assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
        "realm", "https://auth.docker.io/token",
        "service", "registry.docker.io",
        "scope", "repository:samalba/my-app:pull,push")));
  }

  @Test
  void severalChallengesInOneHeaderAreSeparated() {
    List<AuthChallenge> challenges =
        AuthChallenge.parse("Basic realm=\"Registry Realm\", Bearer realm=\"https://a/t\", error=\"insufficient_scope\"");

    assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
    assertThat(challenges.get(0).parameter("realm")).contains("Registry Realm");
    assertThat(challenges.get(1).parameter("error")).contains("insufficient_scope");
  }

  @Test
  void escapesUnquotedValuesAndCaseAreHandled() {
    AuthChallenge challenge = AuthChallenge.parse("BASIC Realm=test, charset=\"UTF-8\", x=\"a\\\"b\"").get(0);

    assertThat(challenge.isBasic()).isTrue();
    assertThat(challenge.parameter("realm")).contains("test");
    assertThat(challenge.parameter("x")).contains("a\"b");
  }

  @Test
  void aSchemeWithoutParametersIsAChallenge() {
    assertThat(AuthChallenge.parse("Negotiate, Basic realm=r")).extracting(AuthChallenge::scheme)
        .containsExactly("negotiate", "basic");
    assertThat(AuthChallenge.parse("")).isEmpty();
  }
}

package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code checkLogin} against a registry that knows {@code alice}/{@code s3cret}, whatever its
 * authentication scheme: the tests every authenticating registry's test class runs.
 */
interface CheckLoginContract {
  /** The registry under test, started by the implementing class. */
  RegistryServer registry();

  @Test
  default void checkLoginAcceptsGoodCredentials() throws Exception {
    RegistryClient.builder().build().checkLogin(registry().host(), Credentials.of("alice", "s3cret"));
  }

  @Test
  default void checkLoginRejectsBadCredentialsWithoutRevealingThem() {
    assertThatThrownBy(() -> RegistryClient.builder().build()
            .checkLogin(registry().host(), Credentials.of("alice", "not-the-password")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("authentication failed")
        .hasMessageNotContaining("not-the-password")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.UNAUTHORIZED);
  }
}

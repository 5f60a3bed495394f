package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void delaysDoubleUpToTheMaximum() {
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void retryAfterOverridesTheBackoffWithinTheMaximum() {
    assertThat(policy.delayAfter(1, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
    assertThat(policy.delayAfter(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void loopbackHostsAreRecognizedWithoutResolvingNames() {
    assertThat(RegistryTransport.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(RegistryTransport.isLoopback("127.8.9.10")).isTrue();
    assertThat(RegistryTransport.isLoopback("localhost:5000")).isTrue();
    assertThat(RegistryTransport.isLoopback("[::1]:5000")).isTrue();
    assertThat(RegistryTransport.isLoopback("10.0.0.1:5000")).isFalse();
    assertThat(RegistryTransport.isLoopback("quay.io")).isFalse();
  }
}

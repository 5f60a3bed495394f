package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AllAtOnceTest {
  @Test
  void everyItemRunsAtOnceTheFirstOnTheCallingThreadTheOthersOnNamedThreads() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    Map<String, String> threads = new ConcurrentHashMap<>();
    List<AllAtOnce.Failure<String>> failures = AllAtOnce.run("kubefile-test", List.of("a", "b", "c"), item -> {
      threads.put(item, Thread.currentThread().getName());
      allStarted.countDown();
      // Each waits for the others: one after the other, the first would wait in vain.
      assertThat(allStarted.await(10, TimeUnit.SECONDS)).as(item + " saw all three start").isTrue();
    });
    assertThat(failures).isEmpty();
    assertThat(threads).containsEntry("a", Thread.currentThread().getName())
        .containsEntry("b", "kubefile-test").containsEntry("c", "kubefile-test");
  }

  @Test
  void failuresComeInTheOrderOfTheItemsAfterEveryItemHasEnded() throws Exception {
    Map<String, Boolean> ended = new ConcurrentHashMap<>();
    List<AllAtOnce.Failure<String>> failures = AllAtOnce.run("kubefile-test", List.of("slow", "io", "state"), item -> {
      switch (item) {
        case "io" -> throw new IOException("io failed");
        case "state" -> throw new IllegalStateException("state failed");
        default -> {
          Thread.sleep(200);
          ended.put(item, true);
        }
      }
    });
    assertThat(ended).containsKey("slow");
    assertThat(failures).extracting(AllAtOnce.Failure::item).containsExactly("io", "state");
    assertThat(failures).extracting(f -> f.error().getMessage()).containsExactly("io failed", "state failed");
  }

  @Test
  void anErrorIsKeptNotLostWithItsThread() throws Exception {
    List<AllAtOnce.Failure<Integer>> failures = AllAtOnce.run("kubefile-test", List.of(1, 2), item -> {
      if (item == 2) {
        throw new AssertionError("broken");
      }
    });
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.item()).isEqualTo(2);
      assertThat(f.error()).isInstanceOf(AssertionError.class).hasMessage("broken");
    });
  }

  @Test
  void noItemsRunNothing() throws Exception {
    assertThat(AllAtOnce.run("kubefile-test", List.<String>of(), item -> {
      throw new AssertionError("ran");
    })).isEmpty();
  }

  @Test
  void theFirstFailureIsThrownWithTheOthersAttached() {
    IllegalStateException first = new IllegalStateException("first");
    IOException second = new IOException("second");
    RuntimeException thrown = AllAtOnce.firstOf(List.of(new AllAtOnce.Failure<>("a", first), new AllAtOnce.Failure<>("b", second)),
        RuntimeException.class, RunException::new);
    assertThat(thrown).isSameAs(first);
    assertThat(thrown.getSuppressed()).containsExactly(second);

    RuntimeException wrapped = AllAtOnce.firstOf(List.of(new AllAtOnce.Failure<>("a", second)), RuntimeException.class, RunException::new);
    assertThat(wrapped).isInstanceOf(RunException.class).hasMessage("second").hasCause(second);

    assertThat(AllAtOnce.firstOf(List.of(new AllAtOnce.Failure<>("a", second)), IOException.class, IOException::new)).isSameAs(second);
    assertThatThrownBy(() -> AllAtOnce.firstOf(List.of(new AllAtOnce.Failure<>("a", new AssertionError("error"))), IOException.class, IOException::new))
        .isInstanceOf(AssertionError.class).hasMessage("error");
  }
}

package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What a {@link ClassFixture} does around the tests of a class, seen by running small sample
 * classes with JUnit: the order of start, {@code @BeforeAll}, tests, {@code @AfterAll} and close,
 * and that the close comes whatever fails (the test hosts of a class must not outlive it). The
 * samples are nested classes, which Surefire does not run on their own.
 */
class ClassFixtureTest {
  static final List<String> events = new CopyOnWriteArrayList<>();

  /** Stands for TestHosts: records its start and its close. */
  record Recorded(String name) implements AutoCloseable {
    static Recorded start() {
      events.add("start");
      return new Recorded("the fixture");
    }

    @Override
    public void close() {
      events.add("close");
    }
  }

  /** Runs {@code sample} with JUnit; the events, with each test's and class's result as it finished. */
  private static List<String> run(Class<?> sample) {
    events.clear();
    TestExecutionListener results = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.getParentId().isPresent()) {
          events.add(id.getDisplayName() + ": " + result.getStatus()
              + result.getThrowable().map(e -> " (" + e.getMessage() + ")").orElse(""));
        }
      }
    };
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample)).build(), results);
    return List.copyOf(events);
  }

  static class AFailingTest {
    @RegisterExtension static final ClassFixture<Recorded> fixture = ClassFixture.of(Recorded::start);

    @BeforeAll
    static void setUp() {
      events.add("@BeforeAll uses " + fixture.get().name());
    }

    @Test
    void fails() {
      events.add("the test uses " + fixture.get().name());
      throw new AssertionError("a failing test");
    }

    @AfterAll
    static void tearDown() {
      events.add("@AfterAll uses " + fixture.get().name());
    }
  }

  @Test
  void startsBeforeTheBeforeAllMethodsAndClosesAfterTheAfterAllMethodsWhenATestFails() {
    assertThat(run(AFailingTest.class)).containsExactly(
        "start",
        "@BeforeAll uses the fixture",
        "the test uses the fixture",
        "fails(): FAILED (a failing test)",
        "@AfterAll uses the fixture",
        "close",
        "ClassFixtureTest$AFailingTest: SUCCESSFUL");
  }

  static class AFailingBeforeAll {
    @RegisterExtension static final ClassFixture<Recorded> fixture = ClassFixture.of(Recorded::start);

    @BeforeAll
    static void setUp() {
      throw new IllegalStateException("images could not be built");
    }

    @Test
    void neverRuns() {
      events.add("the test");
    }
  }

  /** As when RunCommandsTest's images cannot be built after its hosts started. */
  @Test
  void closesWhenABeforeAllMethodFailsAfterTheStart() {
    assertThat(run(AFailingBeforeAll.class)).containsExactly(
        "start",
        "close",
        "ClassFixtureTest$AFailingBeforeAll: FAILED (images could not be built)");
  }

  static class NoNamespaces {
    @RegisterExtension static final ClassFixture<Recorded> fixture = ClassFixture.of(() -> {
      Assumptions.assumeTrue(false, "real-host tests need root (network namespaces)");
      return Recorded.start();
    });

    @BeforeAll
    static void setUp() {
      events.add("@BeforeAll");
    }

    @Test
    void neverRuns() {
      events.add("the test");
    }
  }

  /** As TestHosts.start does on a machine that cannot make namespaces: skipped with the reason, not failed. */
  @Test
  void aFailedAssumptionOfTheStartSkipsTheClassWithItsReason() {
    assertThat(run(NoNamespaces.class)).containsExactly(
        "ClassFixtureTest$NoNamespaces: ABORTED (Assumption failed: real-host tests need root (network namespaces))");
  }

  static class WithNested {
    @RegisterExtension static final ClassFixture<Recorded> fixture = ClassFixture.of(Recorded::start);

    @Test
    void outer() {
      events.add("outer test uses " + fixture.get().name());
    }

    @Nested
    class Inner {
      @Test
      void inner() {
        events.add("nested test uses " + fixture.get().name());
      }
    }
  }

  /** JUnit calls the extension for the nested class too: it must not start a second fixture, nor close the first early. */
  @Test
  void aNestedClassSharesTheFixtureOfItsEnclosingClass() {
    assertThat(run(WithNested.class)).containsExactly(
        "start",
        "outer test uses the fixture",
        "outer(): SUCCESSFUL",
        "nested test uses the fixture",
        "inner(): SUCCESSFUL",
        "Inner: SUCCESSFUL",
        "close",
        "ClassFixtureTest$WithNested: SUCCESSFUL");
  }

  /** Stands for a registry and the proxy in front of it: records its start and its close by name. */
  record Named(String name) implements AutoCloseable {
    static Named start(String name) {
      events.add("start " + name);
      return new Named(name);
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }

  static class TwoOrderedFixtures {
    // Without @Order, JUnit 5.11 would start the proxy first: it orders these fields by their names' hash codes.
    @RegisterExtension @Order(2) static final ClassFixture<Named> proxy =
        ClassFixture.of(() -> Named.start("proxy to " + TwoOrderedFixtures.upstream.get().name()));
    @RegisterExtension @Order(1) static final ClassFixture<Named> upstream = ClassFixture.of(() -> Named.start("registry"));

    @Test
    void usesBoth() {
      events.add("the test uses the " + proxy.get().name());
    }
  }

  /** As PlainRegistryTest's proxy, which is started with its registry's address and closed before it. */
  @Test
  void twoFixturesWithOrderStartInThatOrderAndCloseInTheReverseOne() {
    assertThat(run(TwoOrderedFixtures.class)).containsExactly(
        "start registry",
        "start proxy to registry",
        "the test uses the proxy to registry",
        "usesBoth(): SUCCESSFUL",
        "close proxy to registry",
        "close registry",
        "ClassFixtureTest$TwoOrderedFixtures: SUCCESSFUL");
  }

  @Test
  void outsideTheTestsOfItsClassThereIsNoFixtureToGet() {
    assertThatThrownBy(() -> ClassFixture.of(Recorded::start).get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the fixture is started only for the tests of the class that registers it (a static @RegisterExtension field)");
  }
}

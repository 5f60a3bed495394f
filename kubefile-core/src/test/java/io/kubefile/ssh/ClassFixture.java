package io.kubefile.ssh;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class starts once for all its tests and closes after the last one, such as
 * {@link TestHosts} (starting namespace hosts takes seconds, so the tests of a class share them):
 * <pre>{@code
 * @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(2));
 * }</pre>
 * and {@code hosts.get()} in the tests. It is started before the class's {@code @BeforeAll}
 * methods, so they can use it, and after its static {@code @TempDir} fields are set, so the start
 * can use them. It is closed after the {@code @AfterAll} methods, whether the tests, those methods
 * or a later part of the set-up failed. A failed assumption of the start (such as
 * {@link TestHosts#assumeAvailable()} on a machine that cannot make namespaces) skips the class's
 * tests with its reason, as it did in a {@code @BeforeAll} method. When one fixture of a class
 * uses another (a proxy in front of a registry), both fields take JUnit's {@code @Order}: without
 * it JUnit registers them in an order of its own; with it they are started in that order and
 * closed in the reverse one.
 *
 * <p>One class for every such fixture, so that this order and the close on failure are written
 * once. Public (in the test-jar) for kubefile-cli's tests.
 */
public final class ClassFixture<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
  /** Starts the fixture; may throw, like the {@code @BeforeAll} method it replaces. */
  @FunctionalInterface
  public interface Start<T> {
    T start() throws Exception;
  }

  private final Start<T> start;
  private T started;
  /** The class that started it: a {@code @Nested} class's callbacks come here too, and share it. */
  private String owner;

  private ClassFixture(Start<T> start) {
    this.start = start;
  }

  public static <T extends AutoCloseable> ClassFixture<T> of(Start<T> start) {
    return new ClassFixture<>(start);
  }

  /** The started fixture, for tests and {@code @BeforeAll} methods. */
  public T get() {
    if (started == null) {
      throw new IllegalStateException("the fixture is started only for the tests of the class that registers it"
          + " (a static @RegisterExtension field)");
    }
    return started;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (started == null) {
      started = start.start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!context.getUniqueId().equals(owner)) {
      return;
    }
    T closing = started;
    started = null;
    owner = null;
    closing.close();
  }
}

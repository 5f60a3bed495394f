package io.kubefile.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs one action per item at once and waits for all of them, keeping every failure. A run does
 * this for the trees a host gets (rootfs, registry content, applications), for the lanes a tree is
 * sent on, and reset for its hosts. Written once because each place that started and joined its
 * own threads had to catch what they threw: reset's did not, so a host whose connection failed
 * between two steps printed a stack trace and was counted as cleaned.
 *
 * <p>Not an executor: the items are few (lanes, trees, a cluster's hosts), each runs for the
 * length of a transfer or a script, and the caller's thread takes the first, so one item costs no
 * thread at all.
 */
final class AllAtOnce {
  /** What is done with each item. */
  @FunctionalInterface
  interface Action<T> {
    void run(T item) throws Exception;
  }

  /** An item whose action threw {@code error}. */
  record Failure<T>(T item, Throwable error) {}

  private AllAtOnce() {}

  /**
   * Runs {@code action} on every item, the first on the calling thread and each other on a daemon
   * thread named {@code threadName}, and returns once all have ended.
   *
   * @return the failures in the order of the items; empty when every action succeeded. Errors are
   *     caught too, so that one item's cannot end the others' wait unseen.
   * @throws InterruptedException when the calling thread is interrupted while it waits; the other
   *     threads are left to end on their own
   */
  static <T> List<Failure<T>> run(String threadName, List<T> items, Action<T> action) throws InterruptedException {
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      errors.add(null);
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i < items.size(); i++) {
      int index = i;
      Thread thread = new Thread(() -> runOne(action, items, errors, index), threadName);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    if (!items.isEmpty()) {
      runOne(action, items, errors, 0);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    List<Failure<T>> failures = new ArrayList<>();
    synchronized (errors) {
      for (int i = 0; i < items.size(); i++) {
        if (errors.get(i) != null) {
          failures.add(new Failure<>(items.get(i), errors.get(i)));
        }
      }
    }
    return failures;
  }

  private static <T> void runOne(Action<T> action, List<T> items, List<Throwable> errors, int index) {
    try {
      action.run(items.get(index));
    } catch (Throwable e) {
      synchronized (errors) {
        errors.set(index, e);
      }
    }
  }

  /**
   * The first failure as the exception a caller throws when any item failed, with the others
   * attached as suppressed: itself when it is a {@code kind}, else wrapped by {@code wrap} (message
   * and cause); an Error is thrown as it is.
   */
  static <E extends Exception> E firstOf(List<? extends Failure<?>> failures, Class<E> kind,
      BiFunction<String, Throwable, E> wrap) {
    Throwable first = failures.get(0).error();
    if (first instanceof Error error) {
      throw error;
    }
    E thrown = kind.isInstance(first) ? kind.cast(first) : wrap.apply(first.getMessage(), first);
    for (Failure<?> other : failures.subList(1, failures.size())) {
      thrown.addSuppressed(other.error());
    }
    return thrown;
  }
}

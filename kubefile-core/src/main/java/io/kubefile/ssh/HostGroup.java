package io.kubefile.ssh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The connected hosts of one run. {@link #connect} reaches every host before anything runs, so a
 * host that is down or refuses the login fails the run with its address and reason before any
 * host is changed. Work then fans out over the hosts in parallel, at most
 * {@link SshOptions#parallelism()} at a time; every host finishes its part before the next step
 * starts, and all failures of a step are reported together.
 */
public final class HostGroup implements AutoCloseable {
  private final SshConnector connector;
  private final Map<HostAddress, Host> hosts;
  private final ExecutorService pool;

  private HostGroup(SshConnector connector, Map<HostAddress, Host> hosts, ExecutorService pool) {
    this.connector = connector;
    this.hosts = hosts;
    this.pool = pool;
  }

  /** Connects to every host, in parallel; fails (closing what was opened) if any cannot be reached. */
  public static HostGroup connect(Collection<HostAddress> addresses, Function<HostAddress, SshCredentials> credentials,
      SshOptions options) {
    SshConnector connector = new SshConnector(options);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), Math.max(1, addresses.size()))), runnable -> {
      Thread thread = new Thread(runnable, "kubefile-host");
      thread.setDaemon(true);
      return thread;
    });
    Map<HostAddress, Future<Host>> pending = new LinkedHashMap<>();
    for (HostAddress address : addresses) {
      pending.put(address, pool.submit(() -> connector.open(address, credentials.apply(address))));
    }
    Map<HostAddress, Host> opened = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    RuntimeException first = null;
    for (Map.Entry<HostAddress, Future<Host>> entry : pending.entrySet()) {
      try {
        opened.put(entry.getKey(), entry.getValue().get());
      } catch (ExecutionException e) {
        RuntimeException cause = asRuntime(e.getCause());
        first = first == null ? cause : first;
        failures.add(cause.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add("interrupted while connecting to " + entry.getKey());
      }
    }
    HostGroup group = new HostGroup(connector, opened, pool);
    if (!failures.isEmpty()) {
      group.close();
      if (failures.size() == 1 && first instanceof HostException) {
        throw first;
      }
      throw new HostUnreachableException(String.join("; ", failures) + " (nothing was changed on any host)", first);
    }
    return group;
  }

  public Host host(HostAddress address) {
    Host host = hosts.get(address);
    if (host == null) {
      throw new IllegalArgumentException("not a host of this group: " + address);
    }
    return host;
  }

  public Collection<HostAddress> addresses() {
    return hosts.keySet();
  }

  /** What one host does in a step. */
  @FunctionalInterface
  public interface HostTask<T> {
    T run(Host host) throws Exception;
  }

  /**
   * Runs {@code task} on each of {@code targets} in parallel and waits for all of them; if any
   * failed, throws one {@link HostException} naming every failed host and its reason.
   */
  public <T> Map<HostAddress, T> onEach(Collection<HostAddress> targets, HostTask<T> task) {
    Map<HostAddress, Future<T>> pending = new LinkedHashMap<>();
    for (HostAddress address : targets) {
      Host host = host(address);
      pending.put(address, pool.submit(() -> task.run(host)));
    }
    Map<HostAddress, T> results = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    Throwable first = null;
    for (Map.Entry<HostAddress, Future<T>> entry : pending.entrySet()) {
      try {
        results.put(entry.getKey(), entry.getValue().get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        first = first == null ? cause : first;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        failures.add(message.contains(entry.getKey().toString()) ? message : entry.getKey() + ": " + message);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HostException("interrupted", e);
      }
    }
    if (!failures.isEmpty()) {
      if (failures.size() == 1 && first instanceof HostException single) {
        throw single;
      }
      throw new HostException(String.join("; ", failures), first);
    }
    return results;
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime ? runtime : new HostException(String.valueOf(cause.getMessage()), cause);
  }

  @Override
  public void close() {
    for (Host host : hosts.values()) {
      host.close();
    }
    pool.shutdownNow();
    connector.close();
  }
}

package io.kubefile.run;

import io.kubefile.ssh.SshOptions;
import io.kubefile.ssh.TestHosts;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The shared setup of the run tests: namespace hosts, a store holding {@link ClusterImages}, and
 * pipelines that keep their Clusterfiles, known_hosts and logs under a runtime directory of the test.
 * A test class shares one through a {@link io.kubefile.ssh.ClassFixture}.
 */
final class RunFixture implements AutoCloseable {
  final TestHosts hosts;
  final ImageStore store;

  private RunFixture(TestHosts hosts, ImageStore store) {
    this.hosts = hosts;
    this.store = store;
  }

  /** Starts {@code count} hosts and builds the test images into a store under {@code work}. */
  static RunFixture start(int count, Path work) throws IOException {
    TestHosts hosts = TestHosts.start(count);
    try {
      ImageStore store = ImageStore.open(work.resolve("store"));
      ClusterImages.build(store, work.resolve("contexts"));
      return new RunFixture(hosts, store);
    } catch (IOException | RuntimeException e) {
      hosts.close();
      throw e;
    }
  }

  /** Options of the runs: known_hosts of the test, the tests' generous connect limit. */
  static SshOptions ssh(Path runtime) {
    return SshOptions.defaults(runtime).withKnownHosts(runtime.resolve("known_hosts")).withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
  }

  static ClusterfileStore clusterfiles(Path runtime) {
    return new ClusterfileStore(runtime.resolve("sealos"));
  }

  RunPipeline pipeline(Path runtime, OutputStream console) {
    return new RunPipeline(clusterfiles(runtime), store, name -> store.resolve(name).orElseThrow(), ssh(runtime), runtime,
        new PrintStream(console, true, StandardCharsets.UTF_8), Clock.systemUTC()).registryWait(Duration.ofSeconds(20));
  }

  ResetPipeline reset(Path runtime, OutputStream console) {
    return new ResetPipeline(clusterfiles(runtime), ssh(runtime), runtime, new PrintStream(console, true, StandardCharsets.UTF_8),
        Clock.systemUTC()).images(name -> store.resolve(name).orElseThrow());
  }

  @Override
  public void close() {
    hosts.close();
  }
}

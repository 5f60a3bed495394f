package io.kubefile.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.discovery.DiscoveryOptions;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.run.AddressList;
import io.kubefile.run.Clusterfile;
import io.kubefile.run.ClusterfileStore;
import io.kubefile.run.FileManifest;
import io.kubefile.run.ImageFiles;
import io.kubefile.run.RunPipeline;
import io.kubefile.run.RunRequest;
import io.kubefile.run.TreeSync;
import io.kubefile.ssh.Host;
import io.kubefile.ssh.LineSink;
import io.kubefile.ssh.LoopbackSshServer;
import io.kubefile.ssh.SshOptions;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the common paths once (parse, build, a registry/ save from a loopback registry, inspect, run)
 * on throw-away data. The launcher records the classes this loads into a class-data archive, so
 * every later command starts faster; it is hidden because users have no reason to run it.
 */
@Command(name = "warmup", hidden = true, description = "Exercise the common code paths (used to make a class-data archive).")
public final class DebugWarmupCommand implements Callable<Integer> {
  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("kubefile-warmup");
    HttpServer server = null;
    try {
      ImageStore store = ImageStore.open(dir.resolve("store"));
      Path app = Files.createDirectories(dir.resolve("app/manifests"));
      Files.writeString(app.resolve("app.yaml"), "kind: ConfigMap\n");
      Files.writeString(app.getParent().resolve("Kubefile"),
          "FROM scratch\nARG V=v1\nLABEL sealos.io.type=application version=${V}\nENV A=${A:-b}\n"
              + "COPY manifests manifests\nCMD [\"kubectl apply -f manifests/\"]\n");
      BuildResult base = KubefileBuilder.forContext(app.getParent()).store(store).tag("warmup/app:v1").build();

      server = serve(store, base);
      String reference = "127.0.0.1:" + server.getAddress().getPort() + "/warmup/app:v1";
      Path ctx = Files.createDirectories(dir.resolve("ctx/manifests"));
      Files.writeString(ctx.resolve("pod.yaml"), "spec:\n  containers:\n  - image: " + reference + "\n");
      Path context = ctx.getParent();
      var images = ImageDiscovery.discover(context).images();
      RegistrySaveStep.save(context, context.resolve("registry"), images,
          new RegistrySaveStep.Settings(Platform.host(), false, 5, registry, store, DiscoveryOptions.all()), true,
          io.kubefile.distribution.ProgressListener.NONE, new PrintWriter(new StringWriter()),
          new WarningPrinter(new PrintWriter(new StringWriter())));
      Json.pretty4(base.config());
      store.list();
      warmRunPath(dir, store, base);
      return 0;
    } finally {
      if (server != null) {
        server.stop(0);
      }
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The classes of {@code run}, {@code exec} and {@code scp}: the command line, a Clusterfile, the
   * files of an image, and a sync of them to an in-process SSH server on loopback (key exchange,
   * login, commands, SFTP writes), as a run does with each host.
   */
  private static void warmRunPath(Path dir, ImageStore store, BuildResult built) throws Exception {
    KubefileCommand.commandLine().parseArgs("run", "--masters", "192.0.2.1", "--nodes", "192.0.2.2-192.0.2.3",
        "-e", "A=b", "warmup/app:v1");
    Clusterfile cluster = Clusterfile.newCluster("warmup");
    Clusterfile.parse(cluster.toYaml(), "Clusterfile");
    StoredImage image = store.findById(built.imageId().hex()).orElseThrow();
    FileManifest files = ImageFiles.prepare(store, image, dir.resolve("mount"), Map.of("A", "b"));
    Path sshRoot = Files.createDirectories(dir.resolve("ssh-root"));
    try (LoopbackSshServer server = LoopbackSshServer.start(sshRoot, dir);
        Host host = server.connect(dir.resolve("known_hosts"))) {
      host.capture("uname -m", LineSink.DISCARD);
      TreeSync.sync(host, files, "/rootfs", "/rootfs.files");
      host.runChecked("true", "a warm-up command", LineSink.DISCARD);
    }
    warmInstalledRun(dir, store, image);
  }

  /**
   * A second {@code run} of an image a cluster has installed, as {@link RunCommand} makes it: the
   * saved Clusterfile is read, nothing is installed and no host is contacted. That whole command is
   * ~0.35 s, so the ~35 classes of its path otherwise read from the jars are a tenth of it.
   */
  private static void warmInstalledRun(Path dir, ImageStore store, StoredImage image) throws IOException {
    ClusterfileStore clusterfiles = new ClusterfileStore(dir.resolve("sealos"));
    List<String> masters = AddressList.parse("192.0.2.1", 22);
    Clusterfile cluster = Clusterfile.newCluster("warmup");
    cluster.setHosts(List.of(new Clusterfile.HostSpec(masters, List.of("master"), List.of(), null)));
    cluster.addImage("warmup/app:v1");
    cluster.putMount(new Clusterfile.Mount("warmup-app", "application", "warmup/app:v1", image.id().toString(), Map.of(),
        Map.of(), List.of(), List.of()));
    cluster.setPhase(Clusterfile.PHASE_SUCCESS);
    clusterfiles.save(cluster);
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    RunPipeline pipeline = RunEnvironment.configure(new RunPipeline(clusterfiles, store,
        new ClusterImageResolver(store, new RegistryOptions(), "never", discard), SshOptions.defaults(dir), dir,
        LinePrintStream.of(discard), Clock.systemUTC()));
    pipeline.run(new RunRequest("warmup", List.of("warmup/app:v1"), masters, List.of(), null, Map.of(), List.of(), false,
        null, RunEnvironment.readConfigFiles(List.of())));
  }

  /** A read-only registry of one image straight from the store. */
  private static HttpServer serve(ImageStore store, BuildResult image) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      try {
        if (path.equals("/v2/")) {
          send(exchange, 200, "application/json", new byte[0]);
        } else if (path.contains("/manifests/")) {
          send(exchange, 200, MediaTypes.OCI_MANIFEST, store.readBlob(image.manifest().digest()));
        } else if (path.contains("/blobs/")) {
          Digest digest = Digest.parse(path.substring(path.lastIndexOf('/') + 1));
          send(exchange, 200, "application/octet-stream", store.readBlob(digest));
        } else {
          send(exchange, 404, "text/plain", new byte[0]);
        }
      } catch (RuntimeException e) {
        send(exchange, 404, "text/plain", new byte[0]);
      }
    });
    server.start();
    return server;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
    if (body.length > 0 && type.startsWith("application/vnd")) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(body).toString());
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }
}

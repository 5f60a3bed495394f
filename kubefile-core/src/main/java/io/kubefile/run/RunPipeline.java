package io.kubefile.run;

import io.kubefile.run.Clusterfile.HostSpec;
import io.kubefile.run.Clusterfile.Mount;
import io.kubefile.ssh.CommandTimedOutException;
import io.kubefile.ssh.FileTransfer;
import io.kubefile.ssh.Host;
import io.kubefile.ssh.HostAddress;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.HostOutput;
import io.kubefile.ssh.Shell;
import io.kubefile.ssh.SshOptions;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run} and {@code apply}: installs cluster images on the hosts of a cluster.
 *
 * <p>Order (R15, each step done on every host before the next): connect to every host (a host that
 * cannot be reached stops the run before anything changes) → files (rootfs and patch images merged
 * in image order to every master and node, application images to master0, {@code registry/} of
 * every image to the registry hosts, all by content) → on a new cluster: {@code check},
 * {@code /etc/hosts} entry of the registry, {@code init-registry} and a bounded wait for the
 * registry port, {@code init-cri} if labelled, {@code init} → commands image by image (rootfs and
 * patch on every host in parallel, applications on master0).
 *
 * <p>The Clusterfile is saved before hosts are changed ({@code ClusterInProcess}) and after each
 * image whose commands succeeded (recorded in {@code status.mounts}), so an interrupted or failed run
 * leaves a record of what is installed and the next run installs the rest, instead of refusing
 * forever as sealos does (R26). One command at a time changes a cluster ({@link ClusterLock}), so a
 * {@code ClusterInProcess} found by a run is one that died, never one still running.
 */
public final class RunPipeline {
  private final ClusterfileStore clusterfiles;
  private final ImageStore store;
  private final ImageResolver resolver;
  private final SshOptions sshOptions;
  private final Path home;
  private final PrintStream out;
  private final Clock clock;
  /** {@code SEALOS_DATA_ROOT} as given (null: not set); see {@link RemotePaths#dataRootFor}. */
  private String dataRoot;
  private Duration registryWait = Duration.ofSeconds(120);
  private Duration executionTimeout = ExecutionTimeout.DEFAULT;
  private boolean syncWorkdir = true;

  public RunPipeline(ClusterfileStore clusterfiles, ImageStore store, ImageResolver resolver, SshOptions sshOptions,
      Path home, PrintStream out, Clock clock) {
    this.clusterfiles = clusterfiles;
    this.store = store;
    this.resolver = resolver;
    this.sshOptions = sshOptions;
    this.home = home;
    this.out = out;
    this.clock = clock;
  }

  public RunPipeline dataRoot(String value) {
    this.dataRoot = value;
    return this;
  }

  public RunPipeline registryWait(Duration value) {
    this.registryWait = value;
    return this;
  }

  /** Whether the Clusterfile is copied to the masters ({@code SEALOS_SYNC_WORKDIR}, default true). */
  public RunPipeline syncWorkdir(boolean value) {
    this.syncWorkdir = value;
    return this;
  }

  /** The limit of each application command (R23; null: none); rootfs and patch commands have none. */
  public RunPipeline executionTimeout(Duration value) {
    this.executionTimeout = value;
    return this;
  }

  /**
   * Installs what {@code request} asks for; returns the Clusterfile as saved. The store is leased
   * for the whole run: the images' files sent to the hosts are read from the store's cache of
   * extracted images, which prune must not delete meanwhile. The cluster is locked for the whole
   * run ({@link ClusterLock}), before its Clusterfile is read: a command that holds it already
   * makes this one fail before anything is read, written or connected.
   */
  public Clusterfile run(RunRequest request) throws IOException {
    try (ClusterLock lock = ClusterLock.acquire(clusterfiles, request.cluster());
        io.kubefile.store.StoreLease lease = store.lease()) {
      return install(request);
    }
  }

  private Clusterfile install(RunRequest request) throws IOException {
    Clusterfile saved = clusterfiles.load(request.cluster()).orElse(null);
    Clusterfile cluster = prepareClusterfile(request, saved);
    request.configFiles().forEach((source, yaml) -> cluster.addDocuments(yaml, source));
    List<ClusterConfig> configs = ClusterConfig.of(cluster);
    String name = cluster.name();
    String root = RemotePaths.dataRootFor(cluster, saved != null, dataRoot);
    cluster.setDataRoot(root);
    RemotePaths paths = new RemotePaths(root, name);

    Map<String, String> specEnv = InstallEnv.fromList(cluster.env());
    InstallEnv.requireNoSystemKeys(specEnv, "the Clusterfile's spec.env");
    InstallEnv.requireNoSystemKeys(request.env(), "--env");
    for (HostSpec host : cluster.hosts()) {
      InstallEnv.requireNoSystemKeys(InstallEnv.fromList(host.env()), "hosts[].env of " + host.ips());
    }

    List<String> wanted = new ArrayList<>(request.clusterfile() != null ? cluster.images() : request.images());
    if (wanted.isEmpty() && !cluster.exists()) {
      throw new RunException("image can not be empty");
    }
    Map<String, Mount> installed = new LinkedHashMap<>();
    for (Mount mount : cluster.mounts()) {
      installed.put(mount.imageName(), mount);
    }
    if (saved != null && !saved.phase().isEmpty() && !saved.phase().equals(Clusterfile.PHASE_SUCCESS)) {
      // run names only its own images: the ones the unfinished run added to spec.image come first,
      // or a run with another image would leave them half-installed behind a "resuming".
      List<String> unfinished = request.clusterfile() != null ? List.of()
          : saved.images().stream().filter(i -> !installed.containsKey(i) && !wanted.contains(i)).toList();
      wanted.addAll(0, unfinished);
      out.println("cluster " + name + ": the previous run did not finish (phase " + saved.phase() + lastMessage(saved)
          + "); installed so far: " + (installed.isEmpty() ? "nothing" : String.join(", ", installed.keySet()))
          + "; resuming" + (unfinished.isEmpty() ? "" : " with " + String.join(", ", unfinished) + " first"));
    }
    List<ClusterImage> images = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String reference : wanted) {
      if (installed.containsKey(reference) && !request.force()) {
        skipped.add(reference);
        continue;
      }
      images.add(ClusterImage.of(reference, resolver.resolve(reference)));
    }
    if (!skipped.isEmpty()) {
      out.println("already installed, skipped (use -f to install again): " + String.join(", ", skipped));
    }
    if (images.isEmpty()) {
      out.println("cluster " + name + ": nothing to install");
      return cluster;
    }
    boolean hasRootfs = installed.values().stream().anyMatch(m -> m.type().equals("rootfs"))
        || images.stream().anyMatch(i -> i.type() == ImageType.ROOTFS);
    if (!hasRootfs) {
      throw new RunException("can't apply application type images only since RootFS type image is not applied yet");
    }
    // --cmd replaces the CMD of application images only; sealos drops it silently (or panics, §7).
    if (!request.cmd().isEmpty() && images.stream().noneMatch(i -> i.type() == ImageType.APPLICATION)) {
      throw new RunException("--cmd replaces the CMD of application images, and this run installs none ("
          + names(images) + ")");
    }
    boolean bootstrap = installed.values().stream().noneMatch(m -> m.type().equals("rootfs"));

    // Local preparation: files of every image, rendered with its env, and their manifests.
    Map<ClusterImage, Map<String, String>> envs = new LinkedHashMap<>();
    String kubeVersion = kubeVersion(images, installed);
    for (ClusterImage image : images) {
      InstallEnv.requireValidNames(image.env(), "the ENV of image " + image.name());
      envs.put(image, InstallEnv.imageEnv(image, specEnv, request.env()));
    }
    if (bootstrap) {
      InstallEnv.registryPort(rootfsEnv(images, envs, installed.values()));
    }
    List<String> everyHost = cluster.mastersAndNodes();
    String master0 = cluster.master0();
    List<String> registryHosts = cluster.registryHosts();
    List<String> all = new ArrayList<>(everyHost);
    registryHosts.stream().filter(h -> !all.contains(h)).forEach(all::add);
    PendingConnection connecting = PendingConnection.start(() -> new ClusterAccess(cluster, sshOptions, home).connect(all));
    // Inside whileConnecting: a failure here closes the connections being opened.
    LocalWork local = connecting.whileConnecting(() -> {
      PreparedFiles shared = prepare(name, envs, kubeVersion, configs);
      Map<String, FileManifest> byHost = rootfsByHost(cluster, everyHost, envs, kubeVersion, configs);
      if (!bootstrap) {
        return new LocalWork(shared, byHost, null, null);
      }
      FileManifest.Entry registryYml = shared.rootfs().get("etc/registry.yml");
      RegistryInfo registry = RegistryInfo.of(registryYml == null ? null : registryYml.source());
      return new LocalWork(shared, byHost, registry, registry.htpasswd(clusterfiles.clusterDir(name)));
    });
    PreparedFiles prepared = local.files();
    Map<String, FileManifest> rootfsByHost = local.rootfsByHost();
    Map<String, FileManifest.Entry> rootfsFiles = prepared.rootfs();
    Map<String, FileManifest.Entry> registryFiles = prepared.registry();
    Map<ClusterImage, FileManifest> appFiles = prepared.apps();

    try (HostGroup group = connecting.await();
        HostOutput output = new HostOutput(out, clusterfiles.clusterDir(name).resolve("logs"))) {
      tagArchitectures(group, cluster);
      cluster.setPhase(Clusterfile.PHASE_IN_PROCESS);
      for (ClusterImage image : images) {
        cluster.addImage(image.name());
      }
      clusterfiles.save(cluster);
      try {
        placeFiles(group, output, paths, everyHost, master0, registryHosts, rootfsFiles, rootfsByHost, registryFiles, appFiles, name);
        Map<String, String> labels = mergedLabels(installed.values(), images);
        Map<String, String> rootfsEnv = rootfsEnv(images, envs, installed.values());
        rootfsEnv.putAll(InstallEnv.builtins(kubeVersion));
        if (bootstrap) {
          bootstrap(group, output, cluster, paths, everyHost, registryHosts, labels, rootfsEnv, local.registry(),
              local.htpasswd().save());
          out.println("Kubernetes bootstrap (kubeadm init/join, lvscare) is not part of Kubefile: skipped;"
              + " rootfs images whose own scripts set up the cluster work fully");
        }
        boolean first = true;
        for (ClusterImage image : images) {
          runImage(group, output, cluster, paths, image, envs.get(image), kubeVersion, request.cmd(), first, everyHost);
          first = false;
          cluster.putMount(new Mount(image.mountName(name), image.type().label(), image.name(), image.stored().id().toString(),
              envs.get(image), image.labels(), image.cmd(), image.entrypoint()));
          clusterfiles.save(cluster);
        }
      } catch (RuntimeException e) {
        cluster.setPhase(Clusterfile.PHASE_FAILED);
        cluster.addCondition("ApplyClusterError", false, "ApplyFailed", e.getMessage(), clock.instant());
        // The failure of the run is what the user must see; a record that cannot be saved or
        // copied as well (a master that went down with the run, say) is reported and attached,
        // not put in its place.
        try {
          clusterfiles.save(cluster);
          new ClusterfileSync(clusterfiles, syncWorkdir).toMasters(group, cluster);
        } catch (RuntimeException recording) {
          out.println("cluster " + name + ": the run failed, and recording that failed too: " + recording.getMessage());
          e.addSuppressed(recording);
        }
        throw e;
      }
      cluster.setPhase(Clusterfile.PHASE_SUCCESS);
      if (!cluster.exists()) {
        cluster.markCreated(clock.instant());
      }
      cluster.addCondition("ApplyClusterSuccess", true, "Ready", "applied images: " + names(images), clock.instant());
      clusterfiles.save(cluster);
      new ClusterfileSync(clusterfiles, syncWorkdir).toMasters(group, cluster);
    }
    out.println("cluster " + name + ": installed " + names(images));
    return cluster;
  }

  /**
   * {@code add} (R30): new masters or nodes join a cluster with what every host has: the rootfs and
   * patch files (no application files, no registry content), the {@code check}, {@code /etc/hosts},
   * {@code init-cri} and {@code init} steps, then the rootfs and patch commands, on the new hosts
   * only. Images and their env are the recorded ones ({@code status.mounts}). The cluster is
   * locked meanwhile, as for {@link #run}.
   */
  public Clusterfile add(String clusterName, List<String> masters, List<String> nodes, Clusterfile.SshSpec ssh)
      throws IOException {
    try (ClusterLock lock = ClusterLock.acquireExisting(clusterfiles, clusterName, () -> notFound(clusterName));
        io.kubefile.store.StoreLease lease = store.lease()) {
      return addHosts(clusterName, masters, nodes, ssh);
    }
  }

  private RunException notFound(String clusterName) {
    return new RunException("cluster " + clusterName + " does not exist (no Clusterfile at " + clusterfiles.path(clusterName) + ")");
  }

  private Clusterfile addHosts(String clusterName, List<String> masters, List<String> nodes, Clusterfile.SshSpec ssh)
      throws IOException {
    Clusterfile cluster = clusterfiles.load(clusterName).orElseThrow(() -> notFound(clusterName));
    if (masters.isEmpty() && nodes.isEmpty()) {
      throw new RunException("add needs --masters or --nodes");
    }
    AddressList.requireDisjoint(masters, nodes);
    List<String> known = cluster.allHosts();
    List<String> added = new ArrayList<>();
    for (String address : concat(masters, nodes)) {
      if (known.contains(address)) {
        throw new RunException("host " + address + " already joined");
      }
      added.add(address);
    }
    List<HostSpec> hosts = new ArrayList<>(cluster.hosts());
    if (!masters.isEmpty()) {
      hosts.add(new HostSpec(masters, List.of("master"), List.of(), ssh));
    }
    if (!nodes.isEmpty()) {
      hosts.add(new HostSpec(nodes, List.of("node"), List.of(), ssh));
    }
    cluster.setHosts(hosts);
    RemotePaths paths = new RemotePaths(RemotePaths.dataRootFor(cluster, true, dataRoot), cluster.name());

    Map<ClusterImage, Map<String, String>> envs = new LinkedHashMap<>();
    Map<String, Mount> installed = new LinkedHashMap<>();
    for (Mount mount : cluster.mounts()) {
      installed.put(mount.imageName(), mount);
      if (!mount.type().equals("application")) {
        envs.put(ClusterImage.of(mount.imageName(), resolver.resolve(mount.imageName())), mount.env());
      }
    }
    if (envs.isEmpty()) {
      throw new RunException("cluster " + cluster.name() + " has no rootfs installed yet: nothing to add hosts to");
    }
    List<ClusterImage> images = new ArrayList<>(envs.keySet());
    String kubeVersion = kubeVersion(images, installed);
    // The masters too: they get the Clusterfile that now lists the new hosts.
    List<String> reached = concat(added, cluster.hostsWithRole("master"));
    PendingConnection connecting = PendingConnection.start(() -> new ClusterAccess(cluster, sshOptions, home).connect(reached));
    PreparedFiles prepared = connecting.whileConnecting(() -> prepare(cluster.name(), envs, kubeVersion, ClusterConfig.of(cluster)));

    try (HostGroup group = connecting.await();
        HostOutput output = new HostOutput(out, clusterfiles.clusterDir(cluster.name()).resolve("logs"))) {
      tagArchitectures(group, cluster);
      // Recorded before any of them is changed, as sealos's add rewrites the Clusterfile before it
      // copies: an add that fails part-way leaves hosts with files, an /etc/hosts entry and whatever
      // init did, which only a Clusterfile that lists them lets delete or reset clean.
      clusterfiles.save(cluster);
      try {
        addTo(group, output, cluster, paths, prepared, added, images, envs, installed, kubeVersion);
      } catch (RuntimeException e) {
        out.println("cluster " + cluster.name() + ": adding " + String.join(", ", added) + " failed part-way; the Clusterfile"
            + " lists them: `kubefile delete` cleans them, then add them again");
        throw e;
      }
    }
    out.println("cluster " + cluster.name() + ": added " + String.join(", ", added));
    return cluster;
  }

  /** What add does on the hosts once they are recorded: the rootfs, bootstrap, commands, the Clusterfile to the masters. */
  private void addTo(HostGroup group, HostOutput output, Clusterfile cluster, RemotePaths paths, PreparedFiles prepared,
      List<String> added, List<ClusterImage> images, Map<ClusterImage, Map<String, String>> envs, Map<String, Mount> installed,
      String kubeVersion) {
    FileManifest rootfs = new FileManifest(prepared.rootfs());
    group.onEach(addresses(added), host -> report(output, host, "rootfs",
        TreeSync.sync(host, rootfs, paths.rootfs(), paths.state("rootfs"))));
    Map<String, String> labels = mergedLabels(installed.values(), List.of());
    Map<String, String> rootfsEnv = rootfsEnv(images, envs, List.of());
    rootfsEnv.putAll(InstallEnv.builtins(kubeVersion));
    bootstrap(group, output, cluster, paths, added, List.of(), labels, rootfsEnv, null, null);
    boolean first = true;
    for (ClusterImage image : images) {
      runImage(group, output, cluster, paths, image, envs.get(image), kubeVersion, List.of(), first, added);
      first = false;
    }
    out.println("kubeadm join is not part of Kubefile: " + String.join(", ", added)
        + " got the rootfs files and commands but did not join Kubernetes");
    clusterfiles.save(cluster);
    new ClusterfileSync(clusterfiles, syncWorkdir).toMasters(group, cluster);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * The rootfs and patch files of each of {@code hosts} that has its own {@code hosts[].env}: sealos
   * renders the {@code .tmpl} files again on every host with that host's env on top (SEALOS_COMPAT
   * §6.4), so such a host gets a rendering of its own; the other hosts share the cluster's.
   */
  private Map<String, FileManifest> rootfsByHost(Clusterfile cluster, List<String> hosts,
      Map<ClusterImage, Map<String, String>> envs, String kubeVersion, List<ClusterConfig> configs) throws IOException {
    Map<String, FileManifest> byHost = new LinkedHashMap<>();
    // Hosts with the same env share one rendering (named after the first of them).
    Map<Map<String, String>, FileManifest> byEnv = new HashMap<>();
    for (String address : hosts) {
      Map<String, String> own = hostEnv(cluster, HostAddress.parse(address, 22));
      if (own.isEmpty()) {
        continue;
      }
      FileManifest same = byEnv.get(own);
      if (same != null) {
        byHost.put(address, same);
        continue;
      }
      Map<ClusterImage, Map<String, String>> withHost = new LinkedHashMap<>();
      envs.forEach((image, env) -> {
        if (image.type().onEveryHost()) {
          withHost.put(image, InstallEnv.forHost(env, own));
        }
      });
      String variant = "." + address.replaceAll("[^A-Za-z0-9.]", "_");
      try {
        FileManifest rendered = new FileManifest(prepare(cluster.name(), withHost, kubeVersion, configs, variant).rootfs());
        byEnv.put(own, rendered);
        byHost.put(address, rendered);
      } catch (io.kubefile.lang.template.TemplateException e) {
        throw new RunException("rendering the templates with the hosts[].env of " + address + ": " + e.getMessage(), e);
      }
    }
    return byHost;
  }

  /** The files of images as they go to hosts: rootfs and patch stacked in order ({@link FileOverlay}), registry/ likewise, applications apart. */
  private record PreparedFiles(Map<String, FileManifest.Entry> rootfs, Map<String, FileManifest.Entry> registry,
      Map<ClusterImage, FileManifest> apps) {}

  /** Extracts each image, renders its {@code .tmpl} files with its env, applies the Config documents. */
  private PreparedFiles prepare(String name, Map<ClusterImage, Map<String, String>> envs, String kubeVersion,
      List<ClusterConfig> configs) throws IOException {
    return prepare(name, envs, kubeVersion, configs, "");
  }

  /** {@link #prepare}, rendering into {@code <mount><variant>} directories (a host's own rendering). */
  private PreparedFiles prepare(String name, Map<ClusterImage, Map<String, String>> envs, String kubeVersion,
      List<ClusterConfig> configs, String variant) throws IOException {
    Path mounts = clusterfiles.clusterDir(name).resolve("mounts");
    PreparedFiles prepared = new PreparedFiles(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    for (Map.Entry<ClusterImage, Map<String, String>> item : envs.entrySet()) {
      ClusterImage image = item.getKey();
      Map<String, String> renderEnv = new LinkedHashMap<>(item.getValue());
      if (image.type().onEveryHost()) {
        renderEnv.putAll(InstallEnv.builtins(kubeVersion));
      }
      // The files rendered for this cluster; <mount name> itself is create's complete copy.
      FileManifest files = ImageFiles.prepareShared(store, image.stored(), image.name(),
          mounts.resolve(image.mountName(name) + ".rendered" + variant), renderEnv);
      Map<String, FileManifest.Entry> entries = new LinkedHashMap<>(files.entries());
      ClusterConfig.applyAll(configs, image.name(), entries, mounts.resolve(image.mountName(name) + ".config" + variant), renderEnv);
      Map<String, FileManifest.Entry> withoutRegistry = new LinkedHashMap<>();
      Map<String, FileManifest.Entry> registry = new LinkedHashMap<>();
      entries.forEach((rel, entry) -> {
        if (rel.startsWith("registry/")) {
          registry.put(rel.substring("registry/".length()), entry);
        } else if (!rel.equals("registry")) {
          withoutRegistry.put(rel, entry);
        }
      });
      if (image.type().onEveryHost()) {
        FileOverlay.stack(prepared.rootfs(), withoutRegistry);
      } else {
        prepared.apps().put(image, new FileManifest(withoutRegistry));
      }
      RegistryContent.merge(prepared.registry(), new FileManifest(registry), image.name());
    }
    return prepared;
  }

  /**
   * R5: host groups added by flags get the architecture of their first address as a role,
   * from {@code uname -m} on that host (sealos runs {@code arch} there), not this machine's.
   */
  static void tagArchitectures(HostGroup group, Clusterfile cluster) {
    List<HostSpec> tagged = new ArrayList<>();
    boolean changed = false;
    for (HostSpec host : cluster.hosts()) {
      if (host.roles().size() == 1 && !host.ips().isEmpty()) {
        HostAddress first = ClusterAccess.address(host.ips().get(0));
        // The first command of a run on the host: when sudo refuses (a wrong password, no sudo
        // rights), its message is on stderr and is the only thing that says why.
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Host.CommandOutput probe = group.host(first).capture("uname -m", errors::add);
        if (probe.status() != 0) {
          throw new RunException("cannot tell the architecture of " + first + ": uname -m exited with status " + probe.status()
              + why(errors));
        }
        List<String> roles = new ArrayList<>(host.roles());
        roles.add(goArch(probe.text().strip()));
        tagged.add(new HostSpec(host.ips(), roles, host.env(), host.ssh()));
        changed = true;
      } else {
        tagged.add(host);
      }
    }
    if (changed) {
      cluster.setHosts(tagged);
    }
  }

  /** The stderr lines of a failed command, for its message (sudo's prompt leaves blank ones). */
  private static String why(List<String> errors) {
    List<String> lines;
    synchronized (errors) {
      lines = errors.stream().filter(line -> !line.isBlank()).toList();
    }
    return lines.isEmpty() ? "" : ": " + String.join("; ", lines);
  }

  /** {@code uname -m} as Go (and so sealos and image platforms) names architectures. */
  public static String goArch(String machine) {
    return switch (machine) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "i386", "i486", "i586", "i686" -> "386";
      case "armv8l", "armv7l", "armv6l" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> machine;
    };
  }

  private Clusterfile prepareClusterfile(RunRequest request, Clusterfile saved) {
    if (request.clusterfile() != null) {
      Clusterfile given = request.clusterfile();
      if (saved != null) {
        // apply: hosts and ssh come from the file given; status (what is installed) from the saved one.
        Clusterfile merged = Clusterfile.parse(given.toYaml(), "Clusterfile");
        requireSameHosts(saved, merged);
        for (Mount mount : saved.mounts()) {
          merged.putMount(mount);
        }
        merged.keepHistoryOf(saved);
        merged.setPhase(saved.phase());
        // Where the cluster's files are is known from its record, not from a hand-written file:
        // without it, dataRootFor took the default, the files went there and the annotation was
        // rewritten, so a later reset looked for the scripts there and cleaned nothing. A file that
        // names a root of its own is taken as it is, checked against SEALOS_DATA_ROOT by dataRootFor.
        if (merged.dataRoot() == null && saved.dataRoot() != null) {
          merged.setDataRoot(saved.dataRoot());
        }
        return merged;
      }
      if (given.hosts().isEmpty()) {
        throw new RunException("Clusterfile " + given.name() + " has no hosts (spec.hosts)");
      }
      return given;
    }
    if (saved != null) {
      List<String> known = saved.allHosts();
      boolean newHosts = request.masters().stream().anyMatch(h -> !known.contains(h))
          || request.nodes().stream().anyMatch(h -> !known.contains(h));
      if (newHosts) {
        throw new RunException("cluster " + saved.name() + " exists (" + clusterfiles.path(saved.name())
            + "); adding hosts with --masters/--nodes is not supported yet");
      }
      if (request.ssh() != null) {
        saved.setSsh(saved.ssh().overriddenBy(request.ssh()));
      }
      return saved;
    }
    Clusterfile cluster = Clusterfile.newCluster(request.cluster());
    List<String> masters = request.masters();
    if (masters.isEmpty()) {
      if (!request.nodes().isEmpty()) {
        throw new RunException("master ip(s) must specified");
      }
      masters = List.of(LocalIp.firstNonLoopback() + ":" + (request.ssh() != null && request.ssh().port() != null ? request.ssh().port() : 22));
    }
    AddressList.requireDisjoint(masters, request.nodes());
    // The arch tag is the probed one of each group's first host (R5), set once connected.
    List<HostSpec> hosts = new ArrayList<>();
    hosts.add(new HostSpec(masters, List.of("master"), List.of(), null));
    if (!request.nodes().isEmpty()) {
      hosts.add(new HostSpec(request.nodes(), List.of("node"), List.of(), null));
    }
    cluster.setHosts(hosts);
    cluster.setSsh(request.ssh() == null ? new Clusterfile.SshSpec(null, null, null, null, null) : request.ssh());
    return cluster;
  }

  /**
   * Sealos's apply scales a cluster to the hosts of the file; Kubefile's does not yet, and without
   * this check a host added in the file got only the files and commands of the images new in that
   * apply (no rootfs, no check/init) and was then recorded as a member, and a host removed was
   * forgotten without being cleaned.
   */
  private void requireSameHosts(Clusterfile saved, Clusterfile given) {
    List<String> added = given.allHosts().stream().filter(h -> !saved.allHosts().contains(h)).toList();
    List<String> removed = saved.allHosts().stream().filter(h -> !given.allHosts().contains(h)).toList();
    if (!added.isEmpty() || !removed.isEmpty()) {
      throw new RunException("cluster " + saved.name() + " exists (" + clusterfiles.path(saved.name()) + ") and apply does not"
          + " change its hosts yet:" + (added.isEmpty() ? "" : " use kubefile add for " + String.join(", ", added) + ";")
          + (removed.isEmpty() ? "" : " use kubefile delete for " + String.join(", ", removed) + ";")
          + " nothing was changed");
    }
  }

  /**
   * Sends each host all of its trees at once: the rootfs (every host), the registry content
   * (registry hosts) and the application files (master0). One tree after the other, master0 got
   * 256 MB of registry content alone after every host had its rootfs, with the other hosts' links
   * and this machine's second core idle (three-host cold run of the benchmark: 11.8 -> 10.9 s).
   */
  private void placeFiles(HostGroup group, HostOutput output, RemotePaths paths, List<String> everyHost, String master0,
      List<String> registryHosts, Map<String, FileManifest.Entry> rootfsFiles, Map<String, FileManifest> rootfsByHost,
      Map<String, FileManifest.Entry> registryFiles, Map<ClusterImage, FileManifest> appFiles, String cluster) {
    Map<HostAddress, List<Tree>> trees = new LinkedHashMap<>();
    if (!rootfsFiles.isEmpty()) {
      FileManifest rootfs = new FileManifest(rootfsFiles);
      for (HostAddress host : addresses(everyHost)) {
        trees.computeIfAbsent(host, h -> new ArrayList<>()).add(new Tree("rootfs",
            rootfsByHost.getOrDefault(host.toString(), rootfs), paths.rootfs(), paths.state("rootfs")));
      }
    }
    if (!registryFiles.isEmpty()) {
      FileManifest registry = RegistryContent.of(registryFiles);
      for (HostAddress host : addresses(registryHosts)) {
        trees.computeIfAbsent(host, h -> new ArrayList<>()).add(new Tree("registry", registry, paths.registry(),
            paths.state("registry")));
      }
    }
    for (Map.Entry<ClusterImage, FileManifest> app : appFiles.entrySet()) {
      String mountName = app.getKey().mountName(cluster);
      trees.computeIfAbsent(ClusterAccess.address(master0), h -> new ArrayList<>()).add(new Tree(app.getKey().name(),
          app.getValue(), paths.workdir(mountName), paths.state(mountName)));
    }
    group.onEach(trees.keySet(), host -> {
      syncAtOnce(host, trees.get(host.address()), output);
      return null;
    });
  }

  /** A tree a host gets: {@code what} names it in the output. */
  private record Tree(String what, FileManifest files, String root, String state) {}

  /**
   * Syncs {@code trees} to {@code host} at once; waits for all of them, then throws the first
   * failure with the others attached.
   */
  private static void syncAtOnce(Host host, List<Tree> trees, HostOutput output) throws InterruptedException {
    // The trees share the host's lanes: more channels than sshd's MaxSessions fail the run.
    int lanes = Math.max(1, TreeSync.LANES / trees.size());
    List<AllAtOnce.Failure<Tree>> failures = AllAtOnce.run("kubefile-tree", trees,
        tree -> report(output, host, tree.what(), TreeSync.sync(host, tree.files(), tree.root(), tree.state(), lanes)));
    if (!failures.isEmpty()) {
      throw AllAtOnce.firstOf(failures, RuntimeException.class, RunException::new);
    }
  }

  private static TreeSync.Report report(HostOutput output, Host host, String what, TreeSync.Report report) {
    output.sink(host.address()).line("files of " + what + ": " + report.filesSent() + " sent ("
        + report.bytesSent() + " bytes), " + report.unchanged() + " unchanged");
    return report;
  }

  /**
   * What a run prepares while its hosts are being reached: the files, each host's own rendering of
   * the rootfs, and for a new cluster the registry's settings and htpasswd (bcrypt at sealos's
   * cost, ~0.1 s in a fresh JVM); registry and htpasswd are null for a cluster that has a rootfs.
   */
  private record LocalWork(PreparedFiles files, Map<String, FileManifest> rootfsByHost, RegistryInfo registry,
      RegistryInfo.Htpasswd htpasswd) {}

  /** R15: check, /etc/hosts, init-registry and the registry wait, init-cri, init. */
  private void bootstrap(HostGroup group, HostOutput output, Clusterfile cluster, RemotePaths paths, List<String> everyHost,
      List<String> registryHosts, Map<String, String> labels, Map<String, String> rootfsEnv, RegistryInfo registry,
      byte[] htpasswd) {
    runLabel(group, output, cluster, paths, everyHost, "check", labels, rootfsEnv);
    String domain = rootfsEnv.getOrDefault("registryDomain", "sealos.hub");
    String registryIp = ClusterAccess.address(cluster.registryHosts().get(0)).host();
    String hostsEntry = HostsFile.addCommand(registryIp, domain);
    group.onEach(addresses(everyHost), host -> {
      host.runChecked(hostsEntry, "adding " + domain + " to /etc/hosts", output.sink(host.address()));
      return null;
    });
    if (!registryHosts.isEmpty()) {
      // Checked before any host was changed (install); add has no registry hosts.
      String port = InstallEnv.registryPort(rootfsEnv);
      initRegistry(group, output, cluster, paths, registryHosts, labels, rootfsEnv, registry, htpasswd, domain, port,
          registryIp);
    }
    if (labels.containsKey("init-cri")) {
      runLabel(group, output, cluster, paths, everyHost, "init-cri", labels, rootfsEnv);
    }
    runLabel(group, output, cluster, paths, everyHost, "init", labels, rootfsEnv);
  }

  private void initRegistry(HostGroup group, HostOutput output, Clusterfile cluster, RemotePaths paths, List<String> registryHosts,
      Map<String, String> labels, Map<String, String> rootfsEnv, RegistryInfo registry, byte[] htpasswd,
      String domain, String port, String registryIp) {
    // R16: the registry's data directory is the rootfs's registry/ (where registry content was
    // placed), and its htpasswd is the cluster's, for init-registry scripts written for sealos.
    String link = "rm -rf " + Shell.quote(registry.data()) + " && mkdir -p \"$(dirname " + Shell.quote(registry.data())
        + ")\" && mkdir -p " + Shell.quote(paths.registry()) + " && ln -s " + Shell.quote(paths.registry()) + " "
        + Shell.quote(registry.data());
    group.onEach(addresses(registryHosts), host -> {
      host.runChecked(link, "linking " + registry.data() + " to " + paths.registry(), output.sink(host.address()));
      try (FileTransfer transfer = host.transfer()) {
        transfer.file(htpasswd, paths.rootfs() + "/etc/registry_htpasswd", 0644);
        transfer.commit();
      }
      return null;
    });
    runLabel(group, output, cluster, paths, registryHosts, "init-registry", labels, rootfsEnv);
    long seconds = Math.max(1, registryWait.toSeconds());
    // Polled every 50 ms: the registry usually answers a few tens of milliseconds after its
    // script returns, and every poll interval is waited in full on every new cluster.
    // Domain and port are arguments of the probe, never shell text: registryDomain is the user's
    // (--env), and unquoted a ';' in it ran commands on the registry host at every poll. Each
    // attempt is bounded by coreutils timeout (1 s, as sealos does): a connect to an address that
    // drops packets blocks ~2 min, far past the wait.
    String probe = "bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' _ " + Shell.quote(domain) + " " + Shell.quote(port);
    String wait = "end=$((SECONDS + " + seconds + ")); t=; command -v timeout >/dev/null 2>&1 && t='timeout 1';"
        + " until $t " + probe + " 2>/dev/null; do [ \"$SECONDS\" -ge \"$end\" ] && exit 1; sleep 0.05; done";
    // A host without coreutils timeout has unbounded attempts: the wait as a whole is bounded here.
    Duration limit = Duration.ofSeconds(seconds + 10);
    group.onEach(addresses(registryHosts), host -> {
      int status;
      try {
        status = host.run(wait, output.sink(host.address()), limit);
      } catch (CommandTimedOutException e) {
        status = -1;
      }
      if (status != 0) {
        throw new RunException("the registry " + domain + ":" + port + " (" + registryIp + ") did not answer within "
            + seconds + " s after init-registry on " + host.address() + "; see its output above");
      }
      return null;
    });
  }

  private static void runLabel(HostGroup group, HostOutput output, Clusterfile cluster, RemotePaths paths, List<String> hosts,
      String label, Map<String, String> labels, Map<String, String> rootfsEnv) {
    group.onEach(addresses(hosts), host -> {
      Map<String, String> env = InstallEnv.forHost(rootfsEnv, hostEnv(cluster, host.address()));
      String command = GuestCommands.label(label, labels, paths.rootfs(), env);
      if (command != null) {
        host.runChecked(command, "the " + label + " script", output.sink(host.address()));
      }
      return null;
    });
  }

  private void runImage(HostGroup group, HostOutput output, Clusterfile cluster, RemotePaths paths, ClusterImage image,
      Map<String, String> env, String kubeVersion, List<String> cmdOverride, boolean first, List<String> targets) {
    List<String> cmd = image.cmd();
    if (first && !cluster.command().isEmpty()) {
      cmd = cluster.command();
    }
    if (image.type() == ImageType.APPLICATION && !cmdOverride.isEmpty()) {
      cmd = cmdOverride;
    }
    List<String> finalCmd = cmd;
    if (image.type().onEveryHost()) {
      group.onEach(addresses(targets), host -> {
        Map<String, String> hostEnv = InstallEnv.forHost(env, hostEnv(cluster, host.address()));
        Map<String, String> mapping = new LinkedHashMap<>(hostEnv);
        mapping.putAll(InstallEnv.builtins(kubeVersion));
        String line = GuestCommands.imageCommands(image.entrypoint(), finalCmd, paths.rootfs(), hostEnv, mapping);
        if (line != null) {
          host.runChecked(line, "CMD of " + image.name(), output.sink(host.address()));
        }
        return null;
      });
    } else {
      String master0 = cluster.master0();
      group.onEach(addresses(List.of(master0)), host -> {
        Map<String, String> hostEnv = InstallEnv.forHost(env, hostEnv(cluster, host.address()));
        String line = GuestCommands.imageCommands(image.entrypoint(), finalCmd, paths.workdir(image.mountName(cluster.name())),
            hostEnv, hostEnv);
        if (line != null) {
          try {
            host.runChecked(line, "CMD of " + image.name(), output.sink(host.address()), executionTimeout);
          } catch (CommandTimedOutException e) {
            List<String> entries = new ArrayList<>(image.entrypoint());
            entries.addAll(finalCmd);
            throw new io.kubefile.ssh.HostException(e.getMessage() + " (" + ExecutionTimeout.VARIABLE + "; 0 for no limit): "
                + String.join("; ", entries), e);
          }
        }
        return null;
      });
    }
  }

  static Map<String, String> hostEnv(Clusterfile cluster, HostAddress address) {
    for (HostSpec host : cluster.hosts()) {
      if (host.ips().contains(address.toString())) {
        return InstallEnv.fromList(host.env());
      }
    }
    return Map.of();
  }

  /** Labels of every image, installed ones first, later images win (sealos merges them all). */
  private static Map<String, String> mergedLabels(Iterable<Mount> installed, List<ClusterImage> images) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Mount mount : installed) {
      labels.putAll(mount.labels());
    }
    for (ClusterImage image : images) {
      labels.putAll(image.labels());
    }
    return labels;
  }

  /** The env of the rootfs and patch images (installed ones, then this run's), for label scripts. */
  private static Map<String, String> rootfsEnv(List<ClusterImage> images, Map<ClusterImage, Map<String, String>> envs,
      Iterable<Mount> installed) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Mount mount : installed) {
      if (!mount.type().equals("application")) {
        env.putAll(mount.env());
      }
    }
    for (ClusterImage image : images) {
      if (image.type().onEveryHost()) {
        env.putAll(envs.get(image));
      }
    }
    return env;
  }

  private static String kubeVersion(List<ClusterImage> images, Map<String, Mount> installed) {
    for (ClusterImage image : images) {
      if (image.type() == ImageType.ROOTFS && image.labels().containsKey("version")) {
        return image.labels().get("version");
      }
    }
    for (Mount mount : installed.values()) {
      if (mount.type().equals("rootfs") && mount.labels().containsKey("version")) {
        return mount.labels().get("version");
      }
    }
    return "";
  }

  private static List<HostAddress> addresses(List<String> hosts) {
    return hosts.stream().map(ClusterAccess::address).distinct().toList();
  }

  private static String names(List<ClusterImage> images) {
    return String.join(", ", images.stream().map(ClusterImage::name).toList());
  }

  private static String lastMessage(Clusterfile cluster) {
    List<Map<String, Object>> conditions = cluster.conditions();
    if (conditions.isEmpty()) {
      return "";
    }
    Object message = conditions.get(conditions.size() - 1).get("message");
    return message == null ? "" : ", last error: " + message;
  }
}

package io.kubefile.run;

import io.kubefile.run.Clusterfile.Mount;
import io.kubefile.ssh.Host;
import io.kubefile.ssh.HostAddress;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.HostOutput;
import io.kubefile.ssh.Shell;
import io.kubefile.ssh.SshOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code reset} (R32): on every host, in reverse order of installation, the {@code /etc/hosts}
 * entry of the registry removed, {@code clean-registry} (registry hosts), {@code clean-cri} if
 * labelled, {@code clean}, then {@code <data root>/data/<cluster>} and the masters' copy of the
 * Clusterfile (R24) removed; locally the extracted files removed and the Clusterfile moved aside
 * as {@code Clusterfile.<unix seconds>}. A host that fails (or cannot be reached) does not stop the
 * others; every failure is reported at the end.
 * {@code delete} (R31) cleans chosen hosts the same way and drops them from the Clusterfile.
 * Both hold the cluster's {@link ClusterLock}, so neither runs while a run, add or another reset
 * of the cluster does.
 */
public final class ResetPipeline {
  private final ClusterfileStore clusterfiles;
  private final SshOptions sshOptions;
  private final Path home;
  private final PrintStream out;
  private final Clock clock;
  /** {@code SEALOS_DATA_ROOT} as given (null: not set); see {@link RemotePaths#dataRootFor}. */
  private String dataRoot;
  private boolean dropUnreachable;
  private boolean syncWorkdir = true;
  private ImageResolver images;
  private Clusterfile.SshSpec sshFlags;

  public ResetPipeline(ClusterfileStore clusterfiles, SshOptions sshOptions, Path home, PrintStream out, Clock clock) {
    this.clusterfiles = clusterfiles;
    this.sshOptions = sshOptions;
    this.home = home;
    this.out = out;
    this.clock = clock;
  }

  /**
   * Whether {@code delete} removes from the Clusterfile a host it cannot connect to, uncleaned
   * ({@code delete -f}: a machine that is gone for good), rather than keeping it for a later delete.
   */
  public ResetPipeline dropUnreachable(boolean value) {
    this.dropUnreachable = value;
    return this;
  }

  public ResetPipeline dataRoot(String value) {
    this.dataRoot = value;
    return this;
  }

  /** Whether {@code delete} copies the Clusterfile to the remaining masters ({@code SEALOS_SYNC_WORKDIR}, default true). */
  public ResetPipeline syncWorkdir(boolean value) {
    this.syncWorkdir = value;
    return this;
  }

  /**
   * The SSH flags of the command (null: none), over the Clusterfile's {@code spec.ssh} for this
   * command only ({@link ClusterAccess}): {@code reset -p NEW} after the hosts' password changed.
   */
  public ResetPipeline sshFlags(Clusterfile.SshSpec value) {
    this.sshFlags = value;
    return this;
  }

  /**
   * Where the labels and ENV of images listed in {@code spec.image} but not recorded as installed
   * come from (a run that failed part-way records nothing of its images, yet their files and
   * services may be on the hosts): without it, or when an image cannot be resolved, the default
   * {@code clean.sh}/{@code clean-registry.sh} run for them. Sealos likewise reads the labels of
   * the cluster's local images, not only of what finished.
   */
  public ResetPipeline images(ImageResolver value) {
    this.images = value;
    return this;
  }

  /** Resets {@code clusterName}, holding its {@link ClusterLock} meanwhile. */
  public void reset(String clusterName) throws IOException {
    Supplier<RunException> missing = () -> new RunException(
        "cluster " + clusterName + ": nothing to reset (no Clusterfile at " + clusterfiles.path(clusterName) + ")");
    try (ClusterLock lock = ClusterLock.acquireExisting(clusterfiles, clusterName, missing)) {
      resetLocked(clusterfiles.load(clusterName).orElseThrow(missing));
    }
  }

  private void resetLocked(Clusterfile cluster) throws IOException {
    Cleaning cleaning = clean(cluster, cluster.allHosts());
    Map<String, String> unreachable = cleaning.unreachable();
    Map<String, String> lost = cleaning.lost();
    List<String> failures = cleaning.failures();
    failures.addAll(0, unreachable.values());
    ImageFiles.deleteTree(clusterfiles.clusterDir(cluster.name()).resolve("mounts"));
    if (!unreachable.isEmpty() || !lost.isEmpty()) {
      // Sealos forgets the cluster anyway, and the hosts it could not reach (or lost part-way)
      // keep their files and services with no Clusterfile left to reset them by; a second reset
      // finishes the job (the hosts cleaned already have no scripts left to run).
      List<String> notReset = new ArrayList<>();
      unreachable.keySet().forEach(address -> notReset.add(address + " (not reachable)"));
      lost.keySet().forEach(address -> notReset.add(address + " (connection lost part-way)"));
      out.println("cluster " + cluster.name() + ": not reset on " + String.join(", ", notReset)
          + "; its Clusterfile stays at " + clusterfiles.path(cluster.name())
          + ": run reset again once they are reachable");
      throw new RunException("reset of cluster " + cluster.name() + " finished with errors: " + String.join("; ", failures));
    }
    Path aside = clusterfiles.moveAside(cluster.name(), clock.instant());
    out.println("cluster " + cluster.name() + " reset; its Clusterfile is kept as " + aside);
    if (!failures.isEmpty()) {
      throw new RunException("reset of cluster " + cluster.name() + " finished with errors: " + String.join("; ", failures));
    }
  }

  /**
   * {@code delete} (R31): removes hosts from the cluster. master0 and addresses the cluster does not
   * have are refused before anything is done (sealos's messages); the removed hosts are cleaned as
   * {@code reset} cleans every host, then dropped from the Clusterfile, which the remaining masters
   * get as {@code run} gives it to them (R24).
   */
  public void delete(String clusterName, List<String> addresses) throws IOException {
    Supplier<RunException> missing = () -> new RunException(
        "cluster " + clusterName + " does not exist (no Clusterfile at " + clusterfiles.path(clusterName) + ")");
    try (ClusterLock lock = ClusterLock.acquireExisting(clusterfiles, clusterName, missing)) {
      deleteLocked(clusterfiles.load(clusterName).orElseThrow(missing), addresses);
    }
  }

  private void deleteLocked(Clusterfile cluster, List<String> addresses) throws IOException {
    if (addresses.isEmpty()) {
      throw new RunException("delete needs --masters or --nodes");
    }
    List<String> known = cluster.allHosts();
    for (String address : addresses) {
      if (address.equals(cluster.master0())) {
        throw new RunException("master0 machine cannot be deleted");
      }
      if (!known.contains(address)) {
        throw new RunException("parameter error: to delete node IP " + address + " must in cluster IP list");
      }
    }
    Cleaning cleaning = clean(cluster, addresses);
    Map<String, String> unreachable = cleaning.unreachable();
    Map<String, String> lost = cleaning.lost();
    List<String> failures = cleaning.failures();
    // A host that could not be connected to, or was lost part-way, was not cleaned: it stays in the
    // Clusterfile, as reset keeps the whole file then, or its files and services would be left with
    // nothing to remove them by; unless the user says it is gone for good (-f), which is why one
    // deletes a node at all.
    List<String> removed = addresses.stream()
        .filter(a -> dropUnreachable || cleaning.cleaned(a)).toList();
    if (!lost.isEmpty()) {
      out.println("cluster " + cluster.name() + ": " + String.join(", ", lost.keySet()) + " lost part-way through cleaning; "
          + (dropUnreachable ? "removed from the Clusterfile all the same (-f)"
              : "they stay in the Clusterfile: run delete again once they can be reached, or delete -f to remove them"));
    }
    if (!unreachable.isEmpty() && dropUnreachable) {
      out.println("cluster " + cluster.name() + ": " + String.join(", ", unreachable.keySet()) + " could not be connected to ("
          + String.join("; ", unreachable.values()) + "); removed from the Clusterfile without being cleaned (-f)");
    } else if (!unreachable.isEmpty()) {
      failures.addAll(0, unreachable.values());
      out.println("cluster " + cluster.name() + ": not deleted " + String.join(", ", unreachable.keySet())
          + " (could not connect); they stay in the Clusterfile: run delete again once they can be reached,"
          + " or delete -f to remove them without cleaning them");
    }
    List<Clusterfile.HostSpec> remaining = new ArrayList<>();
    for (Clusterfile.HostSpec host : cluster.hosts()) {
      List<String> ips = host.ips().stream().filter(ip -> !removed.contains(ip)).toList();
      if (!ips.isEmpty()) {
        remaining.add(new Clusterfile.HostSpec(ips, host.roles(), host.env(), host.ssh()));
      }
    }
    cluster.setHosts(remaining);
    clusterfiles.save(cluster);
    try (HostGroup masters = new ClusterAccess(cluster, sshFlags, sshOptions, home).connect(cluster.hostsWithRole("master"))) {
      clusterfileSync().toMasters(masters, cluster);
    } catch (RuntimeException e) {
      failures.add("copying the Clusterfile to the masters: " + e.getMessage());
    }
    if (!removed.isEmpty()) {
      out.println("cluster " + cluster.name() + ": deleted " + String.join(", ", removed)
          + " (kubeadm reset and node removal are not part of Kubefile)");
    }
    if (!failures.isEmpty()) {
      throw new RunException("delete from cluster " + cluster.name() + " finished with errors: " + String.join("; ", failures));
    }
  }

  /**
   * What cleaning hosts came to: the failures of the hosts reached (failed steps, and why a host was
   * lost), the hosts that could not be connected to with why, and the hosts whose cleaning stopped
   * part-way (a step that could not start: its connection closed) with why. Hosts in neither map
   * were cleaned, whatever their scripts' statuses.
   */
  private record Cleaning(List<String> failures, Map<String, String> unreachable, Map<String, String> lost) {
    boolean cleaned(String address) {
      return !unreachable.containsKey(address) && !lost.containsKey(address);
    }
  }

  /** Cleans {@code targets} in parallel, each host on its own. */
  private Cleaning clean(Clusterfile cluster, List<String> targets) throws IOException {
    Map<String, String> unreachable = new LinkedHashMap<>();
    Map<String, String> lost = new LinkedHashMap<>();
    RemotePaths paths = new RemotePaths(RemotePaths.dataRootFor(cluster, true, dataRoot), cluster.name());
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> recorded = new ArrayList<>();
    for (Mount mount : cluster.mounts()) {
      recorded.add(mount.imageName());
      labels.putAll(mount.labels());
      if (!mount.type().equals("application")) {
        env.putAll(mount.env());
      }
    }
    Map<String, String> specEnv = InstallEnv.fromList(cluster.env());
    for (String name : cluster.images()) {
      if (images == null || recorded.contains(name)) {
        continue;
      }
      ClusterImage image;
      try {
        image = ClusterImage.of(name, images.resolve(name));
      } catch (IOException | RuntimeException e) {
        out.println("cluster " + cluster.name() + ": " + name + " did not finish installing and is not in the local store ("
            + e.getMessage() + "); its clean scripts are unknown, the default ones run");
        continue;
      }
      // Later images win, as when they were installed.
      labels.putAll(image.labels());
      if (image.type().onEveryHost()) {
        env.putAll(InstallEnv.imageEnv(image, specEnv, Map.of()));
      }
    }
    String domain = env.getOrDefault("registryDomain", "sealos.hub");
    List<String> registryHosts = cluster.registryHosts();
    List<String> failures = new ArrayList<>();
    ClusterAccess access = new ClusterAccess(cluster, sshFlags, sshOptions, home);
    try (HostOutput output = new HostOutput(out, clusterfiles.clusterDir(cluster.name()).resolve("logs"))) {
      // One group per host: a host that is down must not keep the others from being cleaned.
      List<HostGroup> groups = new ArrayList<>();
      for (String address : targets) {
        try {
          groups.add(access.connect(List.of(address)));
        } catch (RuntimeException e) {
          unreachable.put(address, e.getMessage());
        }
      }
      // Each host's failed steps, in the order of the hosts, so that the report reads the same every time.
      Map<HostGroup, List<String>> failedSteps = new LinkedHashMap<>();
      groups.forEach(group -> failedSteps.put(group, new ArrayList<>()));
      List<AllAtOnce.Failure<HostGroup>> broken;
      try {
        broken = AllAtOnce.run("kubefile-reset", groups, group -> {
          HostAddress address = group.addresses().iterator().next();
          Host host = group.host(address);
          Map<String, String> hostEnv = InstallEnv.forHost(env, RunPipeline.hostEnv(cluster, address));
          List<String> steps = new ArrayList<>();
          steps.add(HostsFile.removeCommand(domain));
          if (registryHosts.contains(address.toString())) {
            steps.add(GuestCommands.label("clean-registry", labels, paths.rootfs(), hostEnv));
          }
          steps.add(GuestCommands.label("clean-cri", labels, paths.rootfs(), hostEnv));
          steps.add(GuestCommands.label("clean", labels, paths.rootfs(), hostEnv));
          steps.add("rm -rf " + Shell.quote(paths.clusterDir()));
          steps.add(clusterfileSync().removal(address, cluster.name()));
          // The scripts are run only where the rootfs is: a host the files never reached, or
          // cleaned by an earlier reset, has nothing for them to undo.
          String scripts = "[ -d " + Shell.quote(paths.rootfs() + "/scripts") + " ] || exit 0; ";
          for (String step : steps) {
            if (step == null) {
              continue;
            }
            boolean script = step.startsWith("cd " + paths.rootfs() + "/scripts && ");
            int status = host.run(script ? scripts + step : step, output.sink(address));
            if (status != 0) {
              failedSteps.get(group).add(address + ": `" + abbreviate(step) + "` exited with status " + status);
            }
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunException("interrupted while cleaning hosts of cluster " + cluster.name(), e);
      } finally {
        groups.forEach(HostGroup::close);
      }
      for (HostGroup group : groups) {
        failures.addAll(failedSteps.get(group));
        for (AllAtOnce.Failure<HostGroup> failure : broken) {
          if (failure.item() == group) {
            // The steps after the one that could not start did not run on that host.
            String address = group.addresses().iterator().next().toString();
            String why = String.valueOf(failure.error().getMessage());
            failures.add(failure.error() instanceof io.kubefile.ssh.HostException ? why : address + ": " + why);
            lost.put(address, why);
          }
        }
      }
    }
    return new Cleaning(failures, unreachable, lost);
  }

  private ClusterfileSync clusterfileSync() {
    return new ClusterfileSync(clusterfiles, syncWorkdir);
  }

  /** The label part of a step, without the long export line. */
  private static String abbreviate(String step) {
    int bash = step.lastIndexOf("; bash ");
    return bash >= 0 ? step.substring(bash + 2) : step.length() > 80 ? step.substring(0, 80) + "…" : step;
  }
}

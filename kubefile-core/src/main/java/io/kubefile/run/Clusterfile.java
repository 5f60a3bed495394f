package io.kubefile.run;

import io.kubefile.ssh.HostAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Sealos's Clusterfile: an {@code apps.sealos.io/v1beta1} {@code Cluster} document followed by any
 * other documents ({@code Config}, kubeadm configuration), which are kept as they are. The Cluster
 * is held as its YAML tree, so fields Kubefile does not use survive a read and write; the methods
 * read and change the fields {@code run} needs (SEALOS_RUN.md §2.1).
 */
public final class Clusterfile {
  public static final String API_VERSION = "apps.sealos.io/v1beta1";
  public static final String PHASE_SUCCESS = "ClusterSuccess";
  public static final String PHASE_FAILED = "ClusterFailed";
  public static final String PHASE_IN_PROCESS = "ClusterInProcess";

  private final Map<String, Object> cluster;
  private final List<Object> otherDocuments;

  private Clusterfile(Map<String, Object> cluster, List<Object> otherDocuments) {
    this.cluster = cluster;
    this.otherDocuments = otherDocuments;
  }

  public static Clusterfile newCluster(String name) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", API_VERSION);
    doc.put("kind", "Cluster");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    doc.put("metadata", metadata);
    doc.put("spec", new LinkedHashMap<>());
    return new Clusterfile(doc, new ArrayList<>());
  }

  /** Parses a Clusterfile; {@code source} names it in errors. */
  public static Clusterfile parse(String yaml, String source) {
    Map<String, Object> cluster = null;
    List<Object> others = new ArrayList<>();
    try {
      for (Object doc : new Load(LoadSettings.builder().setLabel(source).build()).loadAllFromString(yaml)) {
        if (doc == null) {
          continue;
        }
        if (doc instanceof Map<?, ?> map && "Cluster".equals(map.get("kind")) && cluster == null) {
          cluster = mutable(map);
        } else {
          others.add(doc);
        }
      }
    } catch (YamlEngineException e) {
      throw new RunException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (cluster == null) {
      throw new RunException(source + ": no document of kind Cluster");
    }
    Clusterfile file = new Clusterfile(cluster, others);
    if (file.name().isEmpty()) {
      throw new RunException(source + ": metadata.name is required");
    }
    ClusterfileCheck.check(cluster, source);
    return file;
  }

  /** Checks the hosts and SSH settings as {@link #parse} does; {@code source} starts the message. */
  void check(String source) {
    ClusterfileCheck.check(cluster, source);
  }

  public String toYaml() {
    List<Object> docs = new ArrayList<>();
    docs.add(cluster);
    docs.addAll(otherDocuments);
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndicatorIndent(0).build();
    return new Dump(settings).dumpAllToString(docs.iterator());
  }

  /**
   * Appends documents of {@code --config-file} files; a document of the same kind and name as one
   * already held replaces it, so running again with the same file does not pile up copies.
   */
  public void addDocuments(String yaml, String source) {
    try {
      for (Object doc : new Load(LoadSettings.builder().setLabel(source).build()).loadAllFromString(yaml)) {
        if (doc != null) {
          otherDocuments.removeIf(existing -> identity(existing) != null && identity(existing).equals(identity(doc)));
          otherDocuments.add(doc);
        }
      }
    } catch (YamlEngineException e) {
      throw new RunException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String identity(Object doc) {
    if (doc instanceof Map<?, ?> map && map.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") != null) {
      return map.get("kind") + "/" + metadata.get("name");
    }
    return null;
  }

  /** The documents other than the Cluster with {@code kind} (e.g. Config), in file order. */
  public List<Map<String, Object>> documentsOfKind(String kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : otherDocuments) {
      if (doc instanceof Map<?, ?> map && kind.equals(map.get("kind"))) {
        out.add(mutable(map));
      }
    }
    return out;
  }

  // ---- metadata ----

  public String name() {
    Object name = map(cluster, "metadata").get("name");
    return name == null ? "" : name.toString();
  }

  /** Whether the cluster was created (sealos: creationTimestamp set). */
  public boolean exists() {
    return map(cluster, "metadata").get("creationTimestamp") != null;
  }

  public void markCreated(Instant now) {
    map(cluster, "metadata").put("creationTimestamp", now.toString());
  }

  /**
   * Takes from {@code saved} (the record of an installed cluster) what only a run writes: when the
   * cluster was created and the conditions of its runs. {@code apply -f} starts from the user's
   * file, which need not carry them; without this the creation time became the apply's and the
   * history of earlier runs was lost.
   */
  void keepHistoryOf(Clusterfile saved) {
    Object created = map(saved.cluster, "metadata").get("creationTimestamp");
    if (created == null) {
      map(cluster, "metadata").remove("creationTimestamp");
    } else {
      map(cluster, "metadata").put("creationTimestamp", created);
    }
    List<Object> conditions = new ArrayList<>(saved.conditions());
    if (conditions.isEmpty()) {
      map(cluster, "status").remove("conditions");
    } else {
      map(cluster, "status").put("conditions", conditions);
    }
  }

  /** The annotation that records where the cluster's files are on its hosts ({@code SEALOS_DATA_ROOT} when it was installed). */
  static final String DATA_ROOT_ANNOTATION = "kubefile.io/data-root";

  /** The data root recorded for this cluster, or null (a cluster saved before it was recorded: the default). */
  public String dataRoot() {
    // Read without creating metadata.annotations: a Clusterfile is saved as it was read.
    if (cluster.get("metadata") instanceof Map<?, ?> metadata && metadata.get("annotations") instanceof Map<?, ?> annotations) {
      Object value = annotations.get(DATA_ROOT_ANNOTATION);
      return value == null ? null : value.toString();
    }
    return null;
  }

  public void setDataRoot(String dataRoot) {
    map(map(cluster, "metadata"), "annotations").put(DATA_ROOT_ANNOTATION, dataRoot);
  }

  // ---- spec ----

  public List<String> images() {
    return strings(map(cluster, "spec").get("image"));
  }

  public void addImage(String image) {
    List<String> images = new ArrayList<>(images());
    if (!images.contains(image)) {
      images.add(image);
    }
    map(cluster, "spec").put("image", images);
  }

  public List<String> env() {
    return strings(map(cluster, "spec").get("env"));
  }

  public void setEnv(List<String> env) {
    putOrRemove(map(cluster, "spec"), "env", env);
  }

  /** {@code spec.command}: replaces the CMD of the first image processed (sealos). */
  public List<String> command() {
    return strings(map(cluster, "spec").get("command"));
  }

  public SshSpec ssh() {
    return SshSpec.from(map(map(cluster, "spec"), "ssh"));
  }

  public void setSsh(SshSpec ssh) {
    map(cluster, "spec").put("ssh", ssh.toMap());
  }

  public List<HostSpec> hosts() {
    List<HostSpec> hosts = new ArrayList<>();
    Object raw = map(cluster, "spec").get("hosts");
    if (raw instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> entry) {
          hosts.add(HostSpec.from(entry));
        }
      }
    }
    return hosts;
  }

  public void setHosts(List<HostSpec> hosts) {
    List<Object> list = new ArrayList<>();
    for (HostSpec host : hosts) {
      list.add(host.toMap());
    }
    map(cluster, "spec").put("hosts", list);
  }

  /** master0: the first address of the first host entry with role master. */
  public String master0() {
    for (HostSpec host : hosts()) {
      if (host.roles().contains("master") && !host.ips().isEmpty()) {
        return host.ips().get(0);
      }
    }
    throw new RunException("cluster " + name() + " has no master host");
  }

  /** Masters then nodes, each once, in Clusterfile order: the hosts rootfs files go to. */
  public List<String> mastersAndNodes() {
    List<String> all = new ArrayList<>();
    for (String role : List.of("master", "node")) {
      for (HostSpec host : hosts()) {
        if (host.roles().contains(role)) {
          for (String ip : host.ips()) {
            if (!all.contains(ip)) {
              all.add(ip);
            }
          }
        }
      }
    }
    return all;
  }

  /** Hosts with role registry, else master0. */
  public List<String> registryHosts() {
    List<String> registry = new ArrayList<>();
    for (HostSpec host : hosts()) {
      if (host.roles().contains("registry")) {
        registry.addAll(host.ips());
      }
    }
    return registry.isEmpty() ? List.of(master0()) : registry;
  }

  /** Every address, for commands that go everywhere (exec, reset). */
  public List<String> allHosts() {
    List<String> all = new ArrayList<>(mastersAndNodes());
    for (String ip : registryHosts()) {
      if (!all.contains(ip)) {
        all.add(ip);
      }
    }
    return all;
  }

  public List<String> hostsWithRole(String role) {
    List<String> out = new ArrayList<>();
    for (HostSpec host : hosts()) {
      if (host.roles().contains(role)) {
        for (String ip : host.ips()) {
          if (!out.contains(ip)) {
            out.add(ip);
          }
        }
      }
    }
    return out;
  }

  /** The host entry of an address (exact match: sealos's suffix match is a bug, §2.1). */
  public HostSpec hostOf(String address) {
    for (HostSpec host : hosts()) {
      if (host.ips().contains(address)) {
        return host;
      }
    }
    throw new RunException("host " + address + " is not part of cluster " + name());
  }

  // ---- status ----

  public String phase() {
    Object phase = map(cluster, "status").get("phase");
    return phase == null ? "" : phase.toString();
  }

  public void setPhase(String phase) {
    map(cluster, "status").put("phase", phase);
  }

  public List<Mount> mounts() {
    List<Mount> mounts = new ArrayList<>();
    Object raw = map(cluster, "status").get("mounts");
    if (raw instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> entry) {
          mounts.add(Mount.from(entry));
        }
      }
    }
    return mounts;
  }

  /** Records an installed image, replacing an earlier record of the same image name. */
  public void putMount(Mount mount) {
    List<Object> list = new ArrayList<>();
    for (Mount existing : mounts()) {
      if (!existing.imageName().equals(mount.imageName())) {
        list.add(existing.toMap());
      }
    }
    list.add(mount.toMap());
    map(cluster, "status").put("mounts", list);
  }

  /** Appends a condition (type, status, reason, message), keeping the last ten. */
  public void addCondition(String type, boolean ok, String reason, String message, Instant now) {
    Map<String, Object> status = map(cluster, "status");
    List<Object> conditions = status.get("conditions") instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", ok ? "True" : "False");
    condition.put("lastHeartbeatTime", now.toString());
    condition.put("reason", reason);
    condition.put("message", message);
    conditions.add(condition);
    while (conditions.size() > 10) {
      conditions.remove(0);
    }
    status.put("conditions", conditions);
  }

  public List<Map<String, Object>> conditions() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (map(cluster, "status").get("conditions") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          out.add(mutable(m));
        }
      }
    }
    return out;
  }

  // ---- the typed parts ----

  /** {@code spec.ssh} or a host's {@code ssh}: every field optional. */
  public record SshSpec(String user, String passwd, String pk, String pkPasswd, Integer port) {
    static SshSpec from(Map<?, ?> map) {
      Object port = map.get("port");
      return new SshSpec(text(map.get("user")), text(map.get("passwd")), text(map.get("pk")), text(map.get("pkPasswd")),
          port == null ? null : Integer.valueOf(port.toString().strip()));
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      putOrRemove(map, "user", user);
      putOrRemove(map, "passwd", passwd);
      putOrRemove(map, "pk", pk);
      putOrRemove(map, "pkPasswd", pkPasswd);
      putOrRemove(map, "port", port);
      return map;
    }

    /** Field-wise override: fields set in {@code other} win. */
    public SshSpec overriddenBy(SshSpec other) {
      if (other == null) {
        return this;
      }
      return new SshSpec(other.user != null ? other.user : user, other.passwd != null ? other.passwd : passwd,
          other.pk != null ? other.pk : pk, other.pkPasswd != null ? other.pkPasswd : pkPasswd,
          other.port != null ? other.port : port);
    }
  }

  /** One {@code spec.hosts} entry. */
  public record HostSpec(List<String> ips, List<String> roles, List<String> env, SshSpec ssh) {
    static HostSpec from(Map<?, ?> map) {
      Object ssh = map.get("ssh");
      // Bare IPs as ip:22, the port they are dialled on (R4): every lookup by address (the host's
      // ssh and env, registry hosts) compares ip:port strings, and missed hand-written bare IPs.
      List<String> ips = strings(map.get("ips")).stream().map(ip -> HostAddress.parse(ip, 22).toString()).toList();
      return new HostSpec(ips, strings(map.get("roles")), strings(map.get("env")),
          ssh instanceof Map<?, ?> m ? SshSpec.from(m) : null);
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("ips", ips);
      map.put("roles", roles);
      putOrRemove(map, "env", env);
      if (ssh != null && !ssh.toMap().isEmpty()) {
        map.put("ssh", ssh.toMap());
      }
      return map;
    }
  }

  /** One installed image in {@code status.mounts}. */
  public record Mount(String name, String type, String imageName, String imageId, Map<String, String> env,
      Map<String, String> labels, List<String> cmd, List<String> entrypoint) {

    static Mount from(Map<?, ?> map) {
      return new Mount(text(map.get("name")), text(map.get("type")), text(map.get("imageName")), text(map.get("imageID")),
          stringMap(map.get("env")), stringMap(map.get("labels")), strings(map.get("cmd")), strings(map.get("entrypoint")));
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("name", name);
      map.put("type", type);
      map.put("imageName", imageName);
      putOrRemove(map, "imageID", imageId);
      putOrRemove(map, "env", env);
      putOrRemove(map, "labels", labels);
      putOrRemove(map, "cmd", cmd);
      putOrRemove(map, "entrypoint", entrypoint);
      return map;
    }
  }

  // ---- YAML tree helpers ----

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value instanceof Map<?, ?> existing) {
      if (!(existing instanceof LinkedHashMap)) {
        value = mutable(existing);
        parent.put(key, value);
      }
      return (Map<String, Object>) value;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  private static Map<String, Object> mutable(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        out.add(String.valueOf(item));
      }
    }
    return out;
  }

  static Map<String, String> stringMap(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return out;
  }

  private static void putOrRemove(Map<String, Object> map, String key, Object value) {
    boolean empty = value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    if (empty) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }
}

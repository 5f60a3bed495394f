package io.kubefile.distribution;

/** How {@link RegistryClient#pushBlob} got a blob into the repository. */
public enum PushResult {
  /** The repository already had it (HEAD answered 200). */
  ALREADY_EXISTS,
  /** Mounted from another repository of the same registry: no bytes sent. */
  MOUNTED,
  /** Uploaded. */
  UPLOADED
}

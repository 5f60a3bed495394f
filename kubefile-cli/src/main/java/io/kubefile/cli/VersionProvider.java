package io.kubefile.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest, so it is never duplicated in code. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"kubefile version " + version()};
  }

  String version() {
    String v = KubefileCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}

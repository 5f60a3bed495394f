package io.kubefile.ssh;

import io.kubefile.KubefileException;

/**
 * Where a host is dialled: an IPv4 address or name and a port, written {@code ip:port} as sealos
 * saves it in the Clusterfile (R4).
 */
public record HostAddress(String host, int port) {

  public HostAddress {
    if (host == null || host.isEmpty()) {
      throw new KubefileException("host address is empty");
    }
    if (port < 1 || port > 65535) {
      throw new KubefileException("invalid port " + port + " for host " + host);
    }
  }

  /** Parses {@code ip} or {@code ip:port}; a missing port is {@code defaultPort}. */
  public static HostAddress parse(String text, int defaultPort) {
    String trimmed = text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon < 0) {
      return new HostAddress(trimmed, defaultPort);
    }
    String port = trimmed.substring(colon + 1);
    try {
      return new HostAddress(trimmed.substring(0, colon), Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new KubefileException("invalid port \"" + port + "\" in host address " + trimmed);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}

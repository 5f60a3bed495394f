package io.kubefile.run;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** This machine as a cluster host: the only master of a new cluster given no hosts (R1). */
final class LocalIp {
  private LocalIp() {}

  static String firstNonLoopback() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      throw new RunException("cannot list the network interfaces of this machine: " + e.getMessage(), e);
    }
    throw new RunException("no --masters given and this machine has no IPv4 address to use");
  }
}

package io.kubefile.ssh;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/** Whether an address names this machine: {@code localhost}, a loopback, or an interface's address (R8). */
public final class LocalAddresses {
  private LocalAddresses() {}

  public static boolean isLocal(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
        return true;
      }
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (Collections.list(nic.getInetAddresses()).contains(address)) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}

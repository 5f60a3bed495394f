package io.kubefile.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --masters}/{@code --nodes} syntax, as sealos parses it (R2–R4): a comma list of
 * {@code ip[:port]}, {@code A-B} ranges of plain IPv4 addresses, and CIDR blocks (every address,
 * network and broadcast included). Each address comes out as {@code ip:port}, once: an address
 * given twice ({@code 10.0.0.1,10.0.0.1}, {@code 10.0.0.1,10.0.0.1:22}, a CIDR and an address in
 * it) is one host, as sealos's run makes it ({@code removeIPListDuplicatesAndEmpty}). Kept twice it
 * was saved twice in one host entry, and every later load of the Clusterfile failed with
 * {@code has duplicate ip}, so that not even {@code reset} could undo the run.
 */
public final class AddressList {
  private AddressList() {}

  public static List<String> parse(String list, int defaultPort) {
    Set<String> addresses = new LinkedHashSet<>();
    if (list == null || list.isBlank()) {
      return new ArrayList<>();
    }
    for (String raw : list.split(",")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      if (item.contains("/")) {
        cidr(item, defaultPort, addresses);
      } else if (item.contains("-")) {
        range(item, defaultPort, addresses);
      } else {
        addresses.add(withPort(item, defaultPort));
      }
    }
    return new ArrayList<>(addresses);
  }

  /** Fails with sealos's {@code has duplicate ip} when an address is both a master and a node (R3). */
  public static void requireDisjoint(List<String> masters, List<String> nodes) {
    for (String node : nodes) {
      if (masters.contains(node)) {
        throw new RunException("has duplicate ip: " + node + " is in both --masters and --nodes");
      }
    }
  }

  /**
   * {@code ip:port} in one spelling ({@code 10.0.0.01:022} is {@code 10.0.0.1:22}), so that the same
   * host given twice is seen as one here, as the Clusterfile's check sees it when it is loaded.
   */
  private static String withPort(String item, int defaultPort) {
    int colon = item.indexOf(':');
    String ip = toIp(toLong(colon < 0 ? item : item.substring(0, colon), item));
    if (colon < 0) {
      return ip + ":" + defaultPort;
    }
    String port = item.substring(colon + 1);
    int value;
    try {
      value = Integer.parseInt(port);
      if (value < 1 || value > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new RunException("invalid port \"" + port + "\" in address " + item);
    }
    return ip + ":" + value;
  }

  private static void range(String item, int defaultPort, Set<String> out) {
    String[] ends = item.split("-", 2);
    if (ends[0].contains(":") || ends[1].contains(":")) {
      throw new RunException("invalid address range " + item + ": a range takes plain IPv4 addresses, without :port");
    }
    long start = toLong(ends[0].trim(), item);
    long end = toLong(ends[1].trim(), item);
    if (start > end) {
      throw new RunException("start ip " + ends[0].trim() + " cannot greater than end ip " + ends[1].trim());
    }
    for (long value = start; value <= end; value++) {
      out.add(toIp(value) + ":" + defaultPort);
    }
  }

  private static void cidr(String item, int defaultPort, Set<String> out) {
    String[] parts = item.split("/", 2);
    int bits;
    try {
      bits = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new RunException("invalid CIDR " + item);
    }
    if (bits < 0 || bits > 32) {
      throw new RunException("invalid CIDR " + item);
    }
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    long network = toLong(parts[0], item) & mask;
    long count = 1L << (32 - bits);
    if (count > 65536) {
      throw new RunException("CIDR " + item + " has more than 65536 addresses");
    }
    for (long i = 0; i < count; i++) {
      out.add(toIp(network + i) + ":" + defaultPort);
    }
  }

  private static long toLong(String ip, String item) {
    String[] octets = ip.split("\\.", -1);
    if (octets.length != 4) {
      throw new RunException("invalid IPv4 address " + ip + " in " + item);
    }
    long value = 0;
    for (String octet : octets) {
      int part;
      try {
        part = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new RunException("invalid IPv4 address " + ip + " in " + item);
      }
      if (part < 0 || part > 255) {
        throw new RunException("invalid IPv4 address " + ip + " in " + item);
      }
      value = value << 8 | part;
    }
    return value;
  }

  private static String toIp(long value) {
    return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
  }
}

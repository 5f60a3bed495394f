package io.kubefile.run;

import io.kubefile.ssh.FileTransfer;
import io.kubefile.ssh.Host;
import io.kubefile.ssh.LineSink;
import io.kubefile.ssh.Shell;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a directory of a host to the content of a local manifest, sending only what differs.
 *
 * <p>What the host has is known from two things read with one command: the manifest Kubefile wrote
 * there after the last successful sync ({@code stateFile}: content hashes), and a listing of the
 * directory as it is now (type and size of every entry). A file is sent when either says it
 * differs: missing, another size, another hash or mode. So a second run sends nothing, and a file
 * changed or deleted on the host behind Kubefile's back is sent again. Hashing on the host is
 * never needed (reading 512 MB there would cost more than sending it).
 *
 * <p>Registry blobs are stored under their digest; {@link RegistryContent} checks each against its
 * name before it is listed here, so a blob the host already has under that name is the same blob.
 */
public final class TreeSync {
  private TreeSync() {}

  /** What a sync did. */
  public record Report(int filesSent, long bytesSent, int unchanged) {}

  public static Report sync(Host host, FileManifest local, String remoteRoot, String stateFile) {
    try {
      Host.CommandOutput listing = host.capture("cat " + Shell.quote(stateFile) + " 2>/dev/null; echo '\u0001'; "
          + "find " + Shell.quote(remoteRoot) + " -mindepth 1 -printf '%y\\t%s\\t%P\\n' 2>/dev/null; true", LineSink.DISCARD);
      String text = listing.text();
      int split = text.indexOf('\u0001');
      FileManifest state = FileManifest.parse(text.substring(0, Math.max(split, 0)));
      Map<String, String[]> present = parseListing(split < 0 ? "" : text.substring(split + 2));
      TreeMap<String, FileManifest.Entry> recorded = new TreeMap<>();
      Map<String, FileManifest.Entry> toSend = new LinkedHashMap<>();
      int unchanged = 0;
      for (Map.Entry<String, FileManifest.Entry> e : local.entries().entrySet()) {
        String rel = e.getKey();
        FileManifest.Entry entry = e.getValue();
        String[] now = present.get(rel);
        FileManifest.Entry before = state.entries().get(rel);
        boolean same = now != null && entry.sameAs(before) && now[0].equals(String.valueOf(entry.type()))
            && (entry.type() != 'f' || now[1].equals(Long.toString(entry.size())));
        if (same) {
          unchanged++;
        } else {
          toSend.put(rel, entry);
        }
        recorded.put(rel, new FileManifest.Entry(entry.type(), entry.mode(), entry.size(), entry.content(), null));
      }
      // Keep what an earlier sync recorded for paths this one does not carry (another image's files).
      for (Map.Entry<String, FileManifest.Entry> e : state.entries().entrySet()) {
        if (!recorded.containsKey(e.getKey()) && present.containsKey(e.getKey())) {
          recorded.put(e.getKey(), e.getValue());
        }
      }
      int sent = 0;
      long bytes = 0;
      if (toSend.isEmpty() && recorded.equals(state.entries())) {
        // Nothing differs: no SFTP channel is opened at all (a run that changes nothing costs one command).
        return new Report(0, 0, unchanged);
      }
      try (FileTransfer transfer = host.transfer()) {
        for (Map.Entry<String, FileManifest.Entry> e : toSend.entrySet()) {
          FileManifest.Entry entry = e.getValue();
          String path = remoteRoot + "/" + e.getKey();
          if (entry.type() == 'd') {
            transfer.directory(path, entry.mode());
          } else if (entry.type() == 'l') {
            transfer.symlink(entry.content(), path);
            sent++;
          } else {
            transfer.file(entry.source(), path, entry.mode());
            sent++;
            bytes += entry.size();
          }
        }
        transfer.commit();
        if (sent > 0 || !recorded.equals(state.entries())) {
          transfer.file(new FileManifest(recorded).bytes(), stateFile, 0644);
          transfer.commit();
        }
      }
      return new Report(sent, bytes, unchanged);
    } catch (IOException e) {
      throw new RunException("copying files to " + remoteRoot + " on " + host.address() + " failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, String[]> parseListing(String text) {
    Map<String, String[]> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.split("\t", 3);
      if (parts.length == 3) {
        out.put(parts[2], new String[] {parts[0], parts[1]});
      }
    }
    return out;
  }
}

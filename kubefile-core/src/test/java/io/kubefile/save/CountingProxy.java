package io.kubefile.save;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a source registry, for read traffic (GET, HEAD): it records every
 * request and the most requests it had in flight at once, and can hold blob responses back to make
 * parallelism measurable. One request per connection ({@code Connection: close}); a TLS probe (the
 * client tries HTTPS first) is refused at once so the client falls back to plain HTTP.
 */
final class CountingProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");
  private static final int TLS_HANDSHAKE = 0x16;

  record Request(String method, String path) {}

  private final ServerSocket server;
  private final String upstreamHost;
  private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Duration blobDelay = Duration.ZERO;

  CountingProxy(String upstreamHost) throws IOException {
    this.upstreamHost = upstreamHost;
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "counting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Every blob response is held back this long from now on. */
  void delayBlobs(Duration delay) {
    this.blobDelay = delay;
  }

  /** Forgets what was recorded so far. */
  void reset() {
    requests.clear();
    maxInFlight.set(0);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** GETs of blob content (downloads), as opposed to manifest reads and HEAD checks. */
  List<Request> blobDownloads() {
    return requests.stream().filter(r -> r.method().equals("GET") && r.path().contains("/blobs/")).toList();
  }

  long downloadsOf(String digest) {
    return blobDownloads().stream().filter(r -> r.path().endsWith("/blobs/" + digest)).count();
  }

  int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread handler = new Thread(() -> handle(socket), "counting-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      in.mark(1);
      if (in.read() == TLS_HANDSHAKE) {
        return;
      }
      in.reset();
      String requestLine = readLine(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return;
      }
      String[] parts = requestLine.split(" ");
      String method = parts[0];
      String target = parts[1];
      HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://" + upstreamHost + target))
          .method(method, HttpRequest.BodyPublishers.noBody());
      for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
          forward.header(name, line.substring(colon + 1).trim());
        }
      }
      relay(method, target, forward.build(), socket.getOutputStream());
    } catch (IOException | InterruptedException | RuntimeException e) {
      // The client went away or the test is over: just close.
    }
  }

  private void relay(String method, String target, HttpRequest request, OutputStream out)
      throws IOException, InterruptedException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    requests.add(new Request(method, URI.create(target).getRawPath()));
    try {
      if (target.contains("/blobs/") && !blobDelay.isZero()) {
        Thread.sleep(blobDelay.toMillis());
      }
      HttpResponse<byte[]> response = upstream.send(request, HttpResponse.BodyHandlers.ofByteArray());
      StringBuilder head = new StringBuilder("HTTP/1.1 " + response.statusCode() + " Relayed\r\n");
      response.headers().map().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
        }
      });
      long length = method.equals("HEAD")
          ? response.headers().firstValueAsLong("content-length").orElse(0)
          : response.body().length;
      head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!method.equals("HEAD")) {
        out.write(response.body());
      }
      out.flush();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}

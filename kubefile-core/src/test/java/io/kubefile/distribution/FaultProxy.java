package io.kubefile.distribution;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of a registry that records every request (and the most it had in
 * flight at once) and injects faults on request: answer a status itself, drop the connection partway
 * through a response body, stall partway through it, flip one byte of it, or hold blob responses back to make parallelism
 * measurable. One request per connection ({@code Connection: close}) keeps it simple; a TLS probe
 * (a client trying HTTPS first) is refused at once so the client falls back to plain HTTP. Public
 * (in the test-jar) for the end-to-end tests of kubefile-cli.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");
  private static final int TLS_HANDSHAKE = 0x16;

  /** What the proxy saw: method, path and query, the request's Range header, and the status sent. */
  public record Exchange(String method, String target, String range, int status) {
    /** The target without its query. */
    public String path() {
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }
  }

  private sealed interface Fault permits Answer, DropAfter, StallAfter, FlipByte {}

  private record Answer(int status, Map<String, String> headers, String body) implements Fault {}

  private record DropAfter(long bytes) implements Fault {}

  private record StallAfter(long bytes) implements Fault {}

  private record FlipByte(long offset) implements Fault {}

  private record Rule(String method, Predicate<String> target, Fault fault, int[] remaining) {}

  private final ServerSocket server;
  private final String upstreamAuthority;
  private final HttpClient upstream =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile BlobGate blobGate;
  private final Thread acceptor;

  public FaultProxy(String upstreamHostPort) throws IOException {
    this.upstreamAuthority = upstreamHostPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** The next {@code times} matching requests are answered with {@code status} by the proxy. */
  public FaultProxy answer(String method, String pathContains, int times, int status, Map<String, String> headers) {
    return answer(method, pathContains, times, status, headers, "");
  }

  /** Like {@link #answer(String, String, int, int, Map)}, with a plain-text body. */
  public FaultProxy answer(String method, String pathContains, int times, int status, Map<String, String> headers,
      String body) {
    rules.add(new Rule(method, t -> t.contains(pathContains), new Answer(status, headers, body), new int[] {times}));
    return this;
  }

  /** The next {@code times} matching responses are cut off after {@code bytes} body bytes. */
  public FaultProxy dropAfter(String method, String pathContains, int times, long bytes) {
    rules.add(new Rule(method, t -> t.contains(pathContains), new DropAfter(bytes), new int[] {times}));
    return this;
  }

  /**
   * The next {@code times} matching responses send their headers and {@code bytes} body bytes, then
   * nothing more while the connection stays open (until the client gives up and closes it).
   */
  public FaultProxy stallAfter(String method, String pathContains, int times, long bytes) {
    rules.add(new Rule(method, t -> t.contains(pathContains), new StallAfter(bytes), new int[] {times}));
    return this;
  }

  /** The next {@code times} matching responses have the byte at {@code offset} inverted. */
  public FaultProxy flipByte(String method, String pathContains, int times, long offset) {
    rules.add(new Rule(method, t -> t.contains(pathContains), new FlipByte(offset), new int[] {times}));
    return this;
  }

  /**
   * From now on, holds every blob request until blob requests for {@code repositories} different
   * repositories are in flight at once; then the gate stays open. This proves images are fetched in
   * parallel without timing anything: a client that fetches one image after another never gets that
   * many in flight, so its requests pass on only after {@code patience} (the test then fails on
   * {@link #parallelBlobRequestsSeen()} instead of hanging).
   */
  public FaultProxy holdBlobsUntilInFlightFor(int repositories, Duration patience) {
    this.blobGate = new BlobGate(repositories, patience);
    return this;
  }

  /** Whether the gate of {@link #holdBlobsUntilInFlightFor} opened because enough requests were in flight. */
  public boolean parallelBlobRequestsSeen() {
    BlobGate gate = blobGate;
    return gate != null && gate.opened();
  }

  /** The blob requests in flight, by repository; opens once enough repositories are there at once. */
  private static final class BlobGate {
    private final int repositories;
    private final Duration patience;
    private final Map<String, Integer> inFlight = new java.util.HashMap<>();
    private boolean opened;

    BlobGate(int repositories, Duration patience) {
      this.repositories = repositories;
      this.patience = patience;
    }

    synchronized void enter(String repository) throws InterruptedException {
      inFlight.merge(repository, 1, Integer::sum);
      if (inFlight.size() >= repositories) {
        opened = true;
        notifyAll();
      }
      long deadline = System.nanoTime() + patience.toNanos(); // only so that a failing client cannot hang the test
      for (long left = patience.toMillis(); !opened && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
        wait(left);
      }
    }

    synchronized void leave(String repository) {
      inFlight.computeIfPresent(repository, (k, n) -> n == 1 ? null : n - 1);
    }

    synchronized boolean opened() {
      return opened;
    }
  }

  public List<Exchange> exchanges() {
    return Collections.unmodifiableList(exchanges);
  }

  /** GETs of blob content (downloads), as opposed to manifest reads and HEAD checks. */
  public List<Exchange> blobDownloads() {
    return exchanges.stream().filter(e -> e.method().equals("GET") && e.path().contains("/blobs/")).toList();
  }

  /** How many times the blob {@code digest} was downloaded. */
  public long downloadsOf(String digest) {
    return blobDownloads().stream().filter(e -> e.path().endsWith("/blobs/" + digest)).count();
  }

  /** The most requests the proxy was handling at once since it started or the log was cleared. */
  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  /** Forgets the exchanges recorded so far and the concurrency seen, and opens the blob gate for good. */
  public void clearLog() {
    exchanges.clear();
    maxInFlight.set(0);
    blobGate = null;
  }

  /** Forgets every fault not yet injected: from now on, requests are relayed untouched. */
  public void clearFaults() {
    rules.clear();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread handler = new Thread(() -> handle(socket), "fault-proxy-connection");
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
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      byte[] body = readBody(in, headers);
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        respond(socket, method, target, headers, body);
      } finally {
        inFlight.decrementAndGet();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // The client went away, the test is over, or it was not HTTP: just close.
    }
  }

  private void respond(Socket socket, String method, String target, Map<String, List<String>> headers, byte[] body)
      throws IOException, InterruptedException {
    BlobGate gate = blobGate;
    if (gate != null && target.contains("/blobs/")) {
      String repository = target.substring(0, target.indexOf("/blobs/"));
      gate.enter(repository);
      try {
        relay(socket, method, target, headers, body);
      } finally {
        gate.leave(repository);
      }
    } else {
      relay(socket, method, target, headers, body);
    }
  }

  private void relay(Socket socket, String method, String target, Map<String, List<String>> headers, byte[] body)
      throws IOException, InterruptedException {
    Fault fault = takeFault(method, target);
    OutputStream out = socket.getOutputStream();
    String range = first(headers, "range");
    if (fault instanceof Answer answer) {
      exchanges.add(new Exchange(method, target, range, answer.status()));
      StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.status() + " Injected\r\n");
      answer.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      byte[] text = answer.body().getBytes(StandardCharsets.UTF_8);
      head.append("Content-Length: ").append(text.length).append("\r\nConnection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!method.equals("HEAD")) {
        out.write(text);
      }
      out.flush();
      return;
    }
    HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://" + upstreamAuthority + target))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> forward.header(name, v));
      }
    });
    HttpResponse<byte[]> response = upstream.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    exchanges.add(new Exchange(method, target, range, response.statusCode()));
    byte[] responseBody = response.body();
    StringBuilder head = new StringBuilder("HTTP/1.1 " + response.statusCode() + " Relayed\r\n");
    response.headers().map().forEach((name, values) -> {
      if (HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith(":")) {
        return;
      }
      for (String value : values) {
        if (name.equalsIgnoreCase("location")) {
          value = value.replace("//" + upstreamAuthority, "//" + host());
        }
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    long contentLength = method.equals("HEAD")
        ? response.headers().firstValueAsLong("content-length").orElse(0)
        : responseBody.length;
    head.append("Content-Length: ").append(contentLength).append("\r\nConnection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!method.equals("HEAD")) {
      if (fault instanceof DropAfter drop) {
        out.write(responseBody, 0, (int) Math.min(drop.bytes(), responseBody.length));
        out.flush();
        socket.setSoLinger(true, 0); // reset, not a clean close
        return;
      }
      if (fault instanceof StallAfter stall) {
        out.write(responseBody, 0, (int) Math.min(stall.bytes(), responseBody.length));
        out.flush();
        socket.setSoTimeout(120_000);
        socket.getInputStream().read(); // silent until the client closes (or two minutes pass)
        return;
      }
      if (fault instanceof FlipByte flip && flip.offset() < responseBody.length) {
        responseBody = responseBody.clone();
        responseBody[(int) flip.offset()] ^= (byte) 0xff;
      }
      out.write(responseBody);
    }
    out.flush();
  }

  private Fault takeFault(String method, String target) {
    for (Rule rule : rules) {
      if (rule.method().equals(method) && rule.target().test(target)) {
        synchronized (rule) {
          if (rule.remaining()[0] > 0) {
            rule.remaining()[0]--;
            return rule.fault();
          }
        }
      }
    }
    return null;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
    String length = first(headers, "content-length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length));
    }
    if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        body.write(in.readNBytes(size));
        readLine(in);
      }
    }
    return new byte[0];
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c < 0 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

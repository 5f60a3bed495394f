package io.kubefile.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real network fault for connect-retry tests: a TCP proxy on loopback whose first {@code resets}
 * connections are reset (RST, after the client's SSH identification arrived, so mid-handshake) and
 * whose later connections are forwarded to a real sshd.
 */
final class ResettingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final int resets;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> open = new ArrayList<>();
  private final Thread acceptor;

  ResettingProxy(InetSocketAddress target, int resets) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.resets = resets;
    this.acceptor = new Thread(this::acceptLoop, "resetting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  HostAddress address() {
    return new HostAddress("127.0.0.1", server.getLocalPort());
  }

  /** Connections accepted so far (attempts of the client). */
  int connections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        synchronized (open) {
          open.add(client);
        }
        if (accepted.incrementAndGet() <= resets) {
          client.getInputStream().read(new byte[256]);
          client.setSoLinger(true, 0);
          client.close();
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 3000);
        synchronized (open) {
          open.add(upstream);
        }
        pump(client.getInputStream(), upstream.getOutputStream(), upstream);
        pump(upstream.getInputStream(), client.getOutputStream(), client);
      } catch (IOException e) {
        // closed, or a client gave up: nothing to forward
      }
    }
  }

  private static void pump(InputStream in, OutputStream out, Socket outSocket) {
    Thread thread = new Thread(() -> {
      try {
        in.transferTo(out);
        outSocket.shutdownOutput();
      } catch (IOException ignored) {
        // one side closed
      }
    }, "resetting-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }
}

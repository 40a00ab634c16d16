package io.rebound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP written by hand on a socket, for what a well-behaved client refuses to send: undecodable
 * escapes, odd methods, raw bytes in headers. HTTP/1.0, so the answer is never chunked and ends
 * when the server closes the connection.
 */
public final class RawHttp {

  /** The answer; status 0 when the server closed the connection without one. */
  public record Answer(int status, String head, String body) {}

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  public Answer send(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.0\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (SocketException e) {
        // the server answered (and closed) before reading all of the body: read its answer
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        all.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      // connection reset after the answer: keep what arrived
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      return new Answer(0, text, "");
    }
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    return new Answer(status, head, text.substring(end + 4));
  }
}

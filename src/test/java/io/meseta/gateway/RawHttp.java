package io.meseta.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP/1.1 connection on a plain socket, so tests see the exact bytes: status line, header
 * lines as sent, and each chunk of a chunked body as one unit (chunk boundaries matter, §9.8).
 */
final class RawHttp implements AutoCloseable {
  /** A response's status line and header lines, exactly as received. */
  record Head(String statusLine, List<String> headerLines) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The value of the header (name compared case-insensitively), if present. */
    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim())
          .findFirst();
    }
  }

  /** A complete (non-streaming) response. */
  record Response(Head head, String body) {
    int status() {
      return head.status();
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Writes a request with Content-Length; {@code headers} are full lines such as "Accept: x". */
  void request(String method, String target, byte[] body, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  void write(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
  }

  Response post(String target, String body, String... headers) throws IOException {
    request("POST", target, body.getBytes(StandardCharsets.UTF_8), headers);
    return readResponse();
  }

  Response readResponse() throws IOException {
    Head head = readHead();
    int length = head.header("Content-Length").map(Integer::parseInt).orElse(0);
    return new Response(head, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  Head readHead() throws IOException {
    String status = readLine();
    List<String> headers = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      headers.add(line);
    }
    return new Head(status, headers);
  }

  /** The data of the next chunk of a chunked body; empty for the terminating chunk. */
  byte[] readChunk() throws IOException {
    int size = Integer.parseInt(readLine().trim(), 16);
    byte[] data = in.readNBytes(size);
    if (data.length < size) {
      throw new EOFException("connection closed inside a chunk");
    }
    String end = readLine();
    if (!end.isEmpty()) {
      throw new IOException("chunk of " + size + " bytes not followed by CRLF: '" + end + "'");
    }
    return data;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed; line so far: " + line);
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    if (!text.endsWith("\r")) {
      throw new IOException("HTTP line not ended by CRLF: " + text);
    }
    return text.substring(0, text.length() - 1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.meseta.e2e;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plain HTTP against a master's operator endpoints, as a Mesos tool would send it: a JDK client
 * for requests and answers, and {@link Stream}, a raw socket that returns an HTTP chunked
 * response chunk by chunk, so tests can assert what each chunk holds.
 */
final class OperatorHttp {
  private final HttpClient client = HttpClient.newHttpClient();
  private final String address;

  OperatorHttp(String address) {
    this.address = address;
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://" + address + pathAndQuery))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonObject getJson(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return new JsonObject(response.body());
  }

  HttpResponse<String> put(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POST with exactly these headers (name, value, ...): no Content-Type unless given. */
  HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> postJson(String path, String json) throws Exception {
    return post(path, json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
  }

  /** A streaming response read over a raw socket, one HTTP chunk at a time. */
  static final class Stream implements AutoCloseable {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final Socket socket;
    private final InputStream in;

    Stream(String address, String path, byte[] body, String... headers) throws IOException {
      String[] hostPort = address.split(":");
      socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
      StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + address
          + "\r\nContent-Length: " + body.length + "\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      in = socket.getInputStream();
      socket.setSoTimeout(10_000);
      String statusLine = line();
      status = Integer.parseInt(statusLine.split(" ")[1]);
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        this.headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
    }

    /** The data of the next chunk, or null if none arrived within the limit. */
    byte[] nextChunk(Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      String size;
      try {
        size = line();
      } catch (SocketTimeoutException e) {
        return null;
      }
      int length = Integer.parseInt(size.trim(), 16);
      byte[] data = in.readNBytes(length);
      if (!line().isEmpty()) {
        throw new AssertionError("chunk of " + length + " bytes not followed by CRLF");
      }
      return data;
    }

    private String line() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("stream closed");
        }
        bytes.write(b);
      }
      String text = bytes.toString(StandardCharsets.US_ASCII);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

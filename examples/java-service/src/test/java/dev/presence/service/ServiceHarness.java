package dev.presence.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presence.Engine;
import dev.presence.EngineBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A service on an ephemeral port and an HTTP client for it; closing stops the service. */
final class ServiceHarness implements AutoCloseable {
  final PresenceService service;
  // HTTP/1.1: the JDK's HttpServer does not speak HTTP/2, so skip the client's upgrade offer.
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** No debounce, so changes are published at once; a fast ticker. */
  ServiceHarness(UnaryOperator<EngineBuilder> config) throws IOException {
    Engine engine =
        config
            .apply(
                Engine.builder()
                    .debounce(Duration.ZERO)
                    .ticker(Duration.ofMillis(20))
                    .maxCatchUpSteps(64))
            .build();
    service =
        PresenceService.start(
            engine, new InetSocketAddress("127.0.0.1", 0), Duration.ofSeconds(15));
  }

  ServiceHarness() throws IOException {
    this(b -> b);
  }

  record Reply(int status, String contentType, String text) {
    JsonNode json() throws IOException {
      return Wire.MAPPER.readTree(text);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  Reply send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(path)).method(method, publisher).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  /** Opens a session and checks it is new. */
  void open(String sessionId, String userId) throws IOException, InterruptedException {
    String user = userId == null ? "null" : '"' + userId + '"';
    Reply reply =
        post("/sessions", "{\"sessionId\": \"" + sessionId + "\", \"userId\": " + user + "}");
    if (reply.status() != 201) {
      throw new AssertionError("open " + sessionId + ": " + reply);
    }
  }

  /** An open event stream, read line by line. */
  final class Stream implements AutoCloseable {
    final int status;
    final String contentType;
    private final InputStream body;
    private final BufferedReader reader;

    Stream(String path, Map<String, String> headers) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
      headers.forEach(request::header);
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      contentType = response.headers().firstValue("Content-Type").orElse("");
      body = response.body();
      reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event's fields (comments skipped), or null at the end of the stream. */
    Map<String, String> next() throws IOException {
      Map<String, String> fields = new HashMap<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (!fields.isEmpty()) {
            return fields;
          }
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(": ");
          fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
      }
      return null;
    }

    JsonNode nextData() throws IOException {
      Map<String, String> event = next();
      if (event == null) {
        throw new AssertionError("the stream ended");
      }
      return Wire.MAPPER.readTree(event.get("data"));
    }

    String rest() throws IOException {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  Stream stream(String path) throws IOException, InterruptedException {
    return new Stream(path, Map.of());
  }

  Stream stream(String path, Map<String, String> headers) throws IOException, InterruptedException {
    return new Stream(path, headers);
  }

  @Override
  public void close() {
    service.close();
  }
}

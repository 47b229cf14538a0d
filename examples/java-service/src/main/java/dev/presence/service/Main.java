package dev.presence.service;

import dev.presence.Engine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Runs the service until the JVM is stopped (Ctrl-C): {@code --host}, {@code --port}, {@code
 * --tick-ms}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    String host = "127.0.0.1";
    int port = 8080;
    int tickMs = 100;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--host" -> host = require(args[i], value);
        case "--port" -> port = Integer.parseInt(require(args[i], value));
        case "--tick-ms" -> tickMs = Integer.parseInt(require(args[i], value));
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + " (options: --host, --port, --tick-ms)");
      }
      i++;
    }
    // With a ticker running, few timers are ever due when a request arrives; the bound keeps a
    // request short even after a storm of expiries (see the binding's README, "Time").
    Engine engine = Engine.builder().ticker(Duration.ofMillis(tickMs)).maxCatchUpSteps(64).build();
    PresenceService service =
        PresenceService.start(engine, new InetSocketAddress(host, port), Duration.ofSeconds(15));
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "presence-shutdown"));
    System.out.println("presence service on http://" + host + ":" + service.port() + "/");
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}

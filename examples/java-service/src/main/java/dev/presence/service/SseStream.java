package dev.presence.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.presence.Engine;
import dev.presence.Event;
import dev.presence.EventListener;
import dev.presence.Subscription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent Events response fed by an engine listener. The listener runs on the engine's
 * dispatcher thread and only queues; the exchange's own thread writes, so a slow client delays no
 * other listener.
 */
final class SseStream implements EventListener {
  /** Queued after the events: the stream ends (service stopping). */
  private static final Object END = new Object();

  /** Queued when the buffer dropped events this stream had not read. */
  private record Lost(long afterSeq, long oldestAvailableSeq) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Duration keepAlive;
  private Subscription subscription;

  private SseStream(Duration keepAlive) {
    this.keepAlive = keepAlive;
  }

  /**
   * Registers a stream after {@code afterSeq} (null: the newest event).
   *
   * @throws dev.presence.TooFarBehindException if events after it were dropped already
   * @throws dev.presence.InvalidArgumentException if it is negative or ahead of the newest event
   */
  static SseStream open(Engine engine, Long afterSeq, Duration keepAlive) {
    SseStream stream = new SseStream(keepAlive);
    stream.subscription =
        afterSeq == null ? engine.addListener(stream) : engine.addListener(afterSeq, stream);
    return stream;
  }

  @Override
  public void onEvent(Event event) {
    queue.add(event);
  }

  @Override
  public long onEventsLost(long afterSeq, long oldestAvailableSeq) {
    queue.add(new Lost(afterSeq, oldestAvailableSeq));
    return oldestAvailableSeq; // unused: the stream ends at the Lost marker
  }

  /** Ends the stream from another thread: what is queued is still written first. */
  void end() {
    queue.add(END);
  }

  /**
   * Waits until the response is complete (or the client gone).
   *
   * @return false if it was not within {@code timeout}
   */
  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes the response until the stream ends or the client goes away. */
  void run(HttpExchange exchange) throws IOException {
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, ": connected\n\n");
      while (true) {
        Object item = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
          if (!subscription.isActive()) {
            break; // the engine closed
          }
          write(out, ": keep-alive\n\n");
        } else if (item == END) {
          break;
        } else if (item instanceof Lost lost) {
          ObjectNode data = Wire.MAPPER.createObjectNode();
          data.put(
              "error",
              "events after seq "
                  + lost.afterSeq()
                  + " were dropped (oldest kept is "
                  + (lost.oldestAvailableSeq() + 1)
                  + "); take a snapshot");
          data.put("seq", lost.afterSeq());
          write(out, "event: resync\ndata: " + data + "\n\n");
          break;
        } else {
          Event event = (Event) item;
          var json = Wire.event(event);
          if (json.isPresent()) {
            write(
                out,
                "id: "
                    + event.seq()
                    + "\nevent: "
                    + json.get().get("kind").textValue()
                    + "\ndata: "
                    + json.get()
                    + "\n\n");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the service's executor is shutting down
    } catch (IOException e) {
      // The client went away; found at the next write. Nothing to answer.
    } finally {
      subscription.close();
      finished.countDown();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}

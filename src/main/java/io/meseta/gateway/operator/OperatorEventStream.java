package io.meseta.gateway.operator;

import io.meseta.master.bus.Addresses;
import io.meseta.protocol.json.RecordIO;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.master.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This gateway node's v1 operator event streams (SUBSCRIBE). Facts published by the services
 * arrive once per node; each becomes one event, encoded once per encoding in use and written to
 * every subscriber as one RecordIO record in one chunk. A new subscriber first gets SUBSCRIBED
 * with the whole state; facts that arrive while that state is being gathered are queued and
 * follow it, so nothing falls in between (at worst a change is seen twice).
 */
final class OperatorEventStream {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorEventStream.class);

  private final Vertx vertx;
  private final Duration heartbeat;
  private final int maxSubscribers;
  private final Map<Long, Subscriber> subscribers = new LinkedHashMap<>();
  /** Subscribers of every gateway instance of this node: the cap and the metric are node-wide. */
  private final AtomicInteger nodeSubscribers;
  private long nextId;

  /**
   * One stream's response and, until SUBSCRIBED is written, the events that must follow it; then
   * the filter of what its principal may see.
   */
  private static final class Subscriber {
    final HttpServerResponse response;
    final Encoding encoding;
    final OperatorViewer viewer;
    List<Event> queued = new ArrayList<>();
    OperatorEventFilter filter;

    Subscriber(HttpServerResponse response, Encoding encoding, OperatorViewer viewer) {
      this.response = response;
      this.encoding = encoding;
      this.viewer = viewer;
    }
  }

  OperatorEventStream(Vertx vertx, Duration heartbeat, int maxSubscribers) {
    this(vertx, heartbeat, maxSubscribers, new AtomicInteger());
  }

  /** @param nodeSubscribers shared by the streams of all gateway instances of one node */
  OperatorEventStream(Vertx vertx, Duration heartbeat, int maxSubscribers,
      AtomicInteger nodeSubscribers) {
    this.vertx = vertx;
    this.heartbeat = heartbeat;
    this.maxSubscribers = maxSubscribers;
    this.nodeSubscribers = nodeSubscribers;
  }

  /** Listens for facts and starts the heartbeat; call on the gateway verticle's context. */
  void start() {
    vertx.eventBus().consumer(Addresses.OPERATOR_EVENTS, message -> {
      try {
        Event event = V1Events.of(message.body());
        if (event != null) {
          broadcast(event);
        }
      } catch (RuntimeException e) {
        LOG.warn("Dropped an operator event that could not be built from {}", message.body(), e);
      }
    });
    vertx.setPeriodic(heartbeat.toMillis(), t -> broadcast(V1Events.HEARTBEAT));
  }

  int size() {
    return nodeSubscribers.get();
  }

  boolean full() {
    return nodeSubscribers.get() >= maxSubscribers;
  }

  int maxSubscribers() {
    return maxSubscribers;
  }

  /** Opens a stream on {@code response}: 200, chunked, then SUBSCRIBED once the state is in. */
  void subscribe(HttpServerResponse response, Encoding encoding) {
    subscribe(response, encoding, new OperatorViewer(io.meseta.acl.Acls.none(), null));
  }

  /** @param viewer whose ACLs decide which frameworks and tasks the stream shows */
  void subscribe(HttpServerResponse response, Encoding encoding, OperatorViewer viewer) {
    long id = nextId++;
    Subscriber subscriber = new Subscriber(response, encoding, viewer);
    subscribers.put(id, subscriber);
    nodeSubscribers.incrementAndGet();
    response.closeHandler(v -> drop(id));
    response.exceptionHandler(e -> drop(id));
    ClusterView.fetch(vertx.eventBus()).onComplete(view -> {
      if (subscribers.get(id) != subscriber) {
        return; // the client went away meanwhile
      }
      if (view.failed()) {
        drop(id);
        Problems.send(response, 503, "Master state is not available ("
            + view.cause().getMessage() + "); retry the SUBSCRIBE");
        return;
      }
      response.setStatusCode(200).setChunked(true).putHeader("Content-Type", encoding.mediaType);
      double seconds = heartbeat.toMillis() / 1000.0;
      subscriber.filter = new OperatorEventFilter(viewer, view.result());
      write(subscriber, record(V1Events.subscribed(viewer.filter(view.result()), seconds),
          encoding));
      write(subscriber, record(V1Events.HEARTBEAT, encoding));
      List<Event> queued = subscriber.queued;
      subscriber.queued = null;
      queued.stream().filter(subscriber.filter::shows)
          .forEach(event -> write(subscriber, record(event, encoding)));
    });
  }

  private void drop(long id) {
    if (subscribers.remove(id) != null) {
      nodeSubscribers.decrementAndGet();
    }
  }

  private void broadcast(Event event) {
    Map<Encoding, Buffer> frames = new EnumMap<>(Encoding.class);
    for (Subscriber subscriber : List.copyOf(subscribers.values())) {
      if (subscriber.queued != null) {
        subscriber.queued.add(event);
      } else if (subscriber.filter.shows(event)) {
        write(subscriber, frames.computeIfAbsent(subscriber.encoding, e -> record(event, e)));
      }
    }
  }

  /** One record, one write, one chunk. A subscriber that cannot keep up is cut off. */
  private void write(Subscriber subscriber, Buffer frame) {
    if (subscriber.response.closed()) {
      return;
    }
    if (subscriber.response.writeQueueFull()) {
      LOG.warn("Operator event subscriber is not reading its stream; closing it");
      if (subscribers.values().remove(subscriber)) {
        nodeSubscribers.decrementAndGet();
      }
      subscriber.response.reset();
      return;
    }
    subscriber.response.write(frame);
  }

  private static Buffer record(Event event, Encoding encoding) {
    return RecordIO.encode(encoding.encode(event).getBytes());
  }
}

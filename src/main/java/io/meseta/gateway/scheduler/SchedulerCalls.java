package io.meseta.gateway.scheduler;

import io.meseta.acl.Acls;
import io.meseta.acl.FrameworkAuthorization;
import io.meseta.core.model.FrameworkId;
import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.SchedulerCallLimits;
import io.meseta.gateway.security.StreamPrincipals;
import io.meseta.master.bus.Addresses;
import io.meseta.master.bus.Failures;
import io.meseta.master.bus.Messages;
import io.meseta.protocol.SchedulerEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The one dispatch path of both scheduler transports: the subscribe flow, the validation of a
 * call, and its routing to the leader service that handles it. Every outcome is a future that
 * fails with a {@link ReplyException} whose code is the HTTP status Mesos would answer, so each
 * transport only decides how to show it (a status line, or an ERROR event).
 */
public final class SchedulerCalls {
  private final Vertx vertx;
  private final EventBus bus;
  private final String nodeId;
  private final Duration heartbeat;
  private final FrameworkStreams streams;
  private final InputLimits inputLimits;
  private final SchedulerCallLimits callLimits;
  private final Acls acls;
  /** Who opened each Mesos HTTP stream of this node, when authentication is on. */
  final StreamPrincipals streamPrincipals;

  public SchedulerCalls(Vertx vertx, String nodeId, Duration heartbeat, FrameworkStreams streams) {
    this(vertx, nodeId, heartbeat, streams, InputLimits.defaults());
  }

  /** @param inputLimits what one call may carry (JSON depth, ids, offers and tasks, body) */
  public SchedulerCalls(Vertx vertx, String nodeId, Duration heartbeat, FrameworkStreams streams,
      InputLimits inputLimits) {
    this(vertx, nodeId, heartbeat, streams, inputLimits, Acls.none());
  }

  /** @param acls who may register frameworks for which roles (SUBSCRIBE, UPDATE_FRAMEWORK) */
  public SchedulerCalls(Vertx vertx, String nodeId, Duration heartbeat, FrameworkStreams streams,
      InputLimits inputLimits, Acls acls) {
    this.acls = acls;
    this.inputLimits = inputLimits;
    this.callLimits = new SchedulerCallLimits(inputLimits);
    this.streamPrincipals = new StreamPrincipals(vertx);
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.nodeId = nodeId;
    this.heartbeat = heartbeat;
    this.streams = streams;
  }

  /** "Failed to validate scheduler::Call: ..." when the call is malformed (status 400). */
  static Optional<String> invalid(Call call) {
    return CallValidation.problem(call).map(p -> "Failed to validate scheduler::Call: " + p);
  }

  /** Decodes a JSON call within the depth limit; IllegalArgumentException says what is wrong. */
  Call parseJson(String json) {
    return callLimits.parseJson(json, Call.getDefaultInstance());
  }

  /** {@link #invalid}, then the input limits (ids, offers and tasks per call); status 400. */
  Optional<String> rejected(Call call) {
    return invalid(call).or(() -> callLimits.problem(call)
        .map(p -> "Failed to validate scheduler::Call: " + p));
  }

  /** The 403 of a SUBSCRIBE or UPDATE_FRAMEWORK whose principal may not use its roles. */
  Optional<String> forbidden(Call call) {
    return switch (call.getType()) {
      case SUBSCRIBE -> FrameworkAuthorization.registerDenial(acls,
          call.getSubscribe().getFrameworkInfo());
      case UPDATE_FRAMEWORK -> FrameworkAuthorization.registerDenial(acls,
          call.getUpdateFramework().getFrameworkInfo());
      default -> Optional.empty();
    };
  }

  int maxBodyBytes() {
    return inputLimits.maxBodyBytes();
  }

  /** A new connection: events addressed to its id reach it from now on. */
  void opened(FrameworkStream stream) {
    streams.add(stream);
  }

  /**
   * Subscribes the framework on {@code stream}. On success the stream gets SUBSCRIBED, then a
   * HEARTBEAT every heartbeat interval until it closes; on failure it gets the ERROR event
   * and is closed, as Mesos does. The future holds the framework id.
   */
  Future<FrameworkId> subscribe(FrameworkStream stream, Call call, boolean overHttp) {
    return bus.<Event>request(Addresses.FRAMEWORKS,
            new Messages.Subscribe(nodeId, stream.id(), call, overHttp), Addresses.leaderCall())
        .map(Message::body)
        .andThen(reply -> {
          if (reply.succeeded()) {
            Event subscribed = reply.result();
            FrameworkId framework =
                FrameworkId.of(subscribed.getSubscribed().getFrameworkId().getValue());
            if (streams.get(stream.id()).isEmpty()) {
              // The connection went away while subscribing: disconnected at once.
              bus.send(Addresses.FRAMEWORKS,
                  new Messages.FrameworkDisconnected(framework, stream.id()));
              return;
            }
            streams.subscribed(stream.id(), framework,
                vertx.setPeriodic(heartbeat.toMillis(), t -> stream.send(SchedulerEvents.heartbeat())));
            stream.send(subscribed);
          } else {
            if (!leaderUnavailable(reply.cause())) {
              stream.send(SchedulerEvents.error(reason(reply.cause())));
            }
            stream.close();
          }
        })
        .map(subscribed -> FrameworkId.of(subscribed.getSubscribed().getFrameworkId().getValue()));
  }

  /** The connection is gone: a subscribed framework is now disconnected (its failover starts). */
  void closed(FrameworkStream stream) {
    streams.remove(stream).ifPresent(subscribed -> {
      vertx.cancelTimer(subscribed.heartbeatTimer());
      bus.send(Addresses.FRAMEWORKS,
          new Messages.FrameworkDisconnected(subscribed.framework(), stream.id()));
    });
  }

  /**
   * May a call with this {@code Mesos-Stream-Id} (null if absent) act for the framework? Answered
   * here when the stream is on this node, else by the frameworks service, which knows whether the
   * framework exists, is subscribed, and over which transport.
   */
  Future<Void> checkStream(FrameworkId framework, String streamId) {
    if (streamId != null && streams.frameworkOf(streamId).filter(framework::equals).isPresent()) {
      return Future.succeededFuture();
    }
    return bus.request(Addresses.FRAMEWORKS, new Messages.StreamCheck(framework, streamId),
        Addresses.leaderCall()).mapEmpty();
  }

  /** Routes a validated call of a subscribed framework to the service that handles it. */
  Future<Void> dispatch(FrameworkId framework, Call call) {
    return switch (call.getType()) {
      case TEARDOWN -> request(Addresses.FRAMEWORKS, new Messages.Teardown(framework));
      case UPDATE_FRAMEWORK -> forbidden(call)
          .<Future<Void>>map(denial -> Future.failedFuture(failure(Failures.FORBIDDEN, denial)))
          .orElseGet(() -> request(Addresses.FRAMEWORKS,
              new Messages.SchedulerCall(framework, call)));
      // REQUEST declares the framework's pending demand (preemption and fragmentation use it).
      case ACCEPT, DECLINE, REVIVE, SUPPRESS, REQUEST ->
          request(Addresses.ALLOCATOR, new Messages.SchedulerCall(framework, call));
      case KILL, ACKNOWLEDGE, RECONCILE, MESSAGE, SHUTDOWN ->
          request(Addresses.TASKS, new Messages.SchedulerCall(framework, call));
      // No inverse offers are ever made (maintenance is not built), and Mesos ignores
      // inverse offer ids it does not know.
      case ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> Future.succeededFuture();
      case RECONCILE_OPERATIONS -> reconcileOperations(framework, call.getReconcileOperations());
      case ACKNOWLEDGE_OPERATION_STATUS -> Future.failedFuture(failure(Failures.BAD_REQUEST,
          "ACKNOWLEDGE_OPERATION_STATUS for operation '"
              + call.getAcknowledgeOperationStatus().getOperationId().getValue()
              + "': this master has sent no operation status updates (offer operations with an"
              + " id are not supported yet), so there is nothing to acknowledge"));
      case SUBSCRIBE -> Future.failedFuture(failure(Failures.BAD_REQUEST,
          "SUBSCRIBE opens a new event stream; it is not a call on an existing one"));
      default -> Future.failedFuture(failure(Failures.NOT_IMPLEMENTED, "Call type "
          + call.getType() + " is not a call: set 'type' to a Mesos v1 scheduler call type"));
    };
  }

  /**
   * No operation has ever been given an id (only LAUNCH is supported), so every operation asked
   * about is unknown to the master: Mesos answers OPERATION_UNKNOWN, without uuid (do not
   * acknowledge). Implicit reconciliation (no operations listed) has nothing to report.
   */
  private Future<Void> reconcileOperations(FrameworkId framework, Call.ReconcileOperations call) {
    for (Call.ReconcileOperations.Operation operation : call.getOperationsList()) {
      OperationStatus.Builder status = OperationStatus.newBuilder()
          .setOperationId(operation.getOperationId())
          .setState(OperationState.OPERATION_UNKNOWN)
          .setMessage("Reconciliation: operation is unknown to the master");
      if (operation.hasAgentId()) {
        status.setAgentId(operation.getAgentId());
      }
      if (operation.hasResourceProviderId()) {
        status.setResourceProviderId(operation.getResourceProviderId());
      }
      bus.send(Addresses.FRAMEWORKS, new Messages.ToFramework(framework, Event.newBuilder()
          .setType(Event.Type.UPDATE_OPERATION_STATUS)
          .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status))
          .build()));
    }
    return Future.succeededFuture();
  }

  private Future<Void> request(String address, Object message) {
    return bus.request(address, message, Addresses.leaderCall()).mapEmpty();
  }

  static ReplyException failure(int status, String message) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, message);
  }

  /** The HTTP status for a failed call: the service's code, or 503 if no service answered. */
  static int statusOf(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return reply.failureType() == ReplyFailure.RECIPIENT_FAILURE ? reply.failureCode() : 503;
    }
    return 500;
  }

  /**
   * No leader service answered: the leader is gone or a new one is still recovering. Not the
   * framework's fault, so not an ERROR (which frameworks take as fatal): its connection is
   * closed instead, and it re-subscribes, to this node or another, once a leader serves.
   */
  static boolean leaderUnavailable(Throwable failure) {
    return failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS
            || reply.failureType() == ReplyFailure.TIMEOUT);
  }

  static String reason(Throwable failure) {
    return failure instanceof ReplyException reply
        ? reply.getMessage()
        : "Internal error: " + failure.getMessage();
  }
}

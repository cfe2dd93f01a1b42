package io.meseta.protocol.json;

/**
 * A JSON document or RecordIO stream that does not fit the Mesos v1 model. The message names the
 * message type, the field path and the problem, so it can be returned to a client as it is.
 */
public final class MesosJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MesosJsonException(String message) {
    super(message);
  }

  public MesosJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.meseta.core.model;

/** Who produced a status update; only agent and executor updates carry a uuid and need an ack. */
public enum StatusSource {
  SOURCE_MASTER,
  SOURCE_AGENT,
  SOURCE_EXECUTOR
}

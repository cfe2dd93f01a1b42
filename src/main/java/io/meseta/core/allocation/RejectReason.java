package io.meseta.core.allocation;

/** Why an ACCEPT was refused; mirrors the checks of Mesos' offer validation, in the order they run. */
public enum RejectReason {
  /** The call listed no offer ids. */
  NO_OFFERS,
  /** An offer id appears more than once. */
  DUPLICATE_OFFER,
  /** An offer id is unknown: never made, already used, declined, rescinded or timed out. */
  UNKNOWN_OFFER,
  /** An offer was made to another framework. */
  NOT_YOUR_OFFER,
  /** The offers are on more than one agent; one accept launches on one agent. */
  DIFFERENT_AGENTS,
  /** The offers were made for different roles of a MULTI_ROLE framework. */
  DIFFERENT_ROLES
}

package io.meseta.core.model;

import java.util.Objects;

/** An offer, chosen by the master (Mesos: <masterId>-O<n>). */
public record OfferId(String value) implements Comparable<OfferId>, java.io.Serializable {
  public OfferId {
    Objects.requireNonNull(value, "OfferId value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("OfferId must not be blank");
    }
  }

  public static OfferId of(String value) {
    return new OfferId(value);
  }

  @Override
  public int compareTo(OfferId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

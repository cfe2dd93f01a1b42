package io.meseta.jobs;

import java.util.regex.Pattern;

/** A job's id, {@code job-<n>}; task ids are derived from it. */
public record JobId(String value) implements Comparable<JobId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public JobId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + value + "' is not a job id; ids look like job-12");
    }
  }

  public static JobId of(String value) {
    return new JobId(value);
  }

  public static JobId numbered(long n) {
    return new JobId("job-" + n);
  }

  @Override
  public int compareTo(JobId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

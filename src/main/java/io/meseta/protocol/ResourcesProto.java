package io.meseta.protocol;

import io.meseta.core.resources.Range;
import io.meseta.core.resources.Resource;
import io.meseta.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;

/**
 * Converts between {@link Resources} and Mesos v1 {@code Resource} messages.
 *
 * <p>Only name, type, value and role cross over: disk, revocable, shared and provider fields have
 * no place in the value type and are ignored on the way in. On the way out the role goes into
 * the deprecated {@code role} field (the pre-refinement format every v1 client understands);
 * {@code reservations[]} is not written because we do not know whether a reservation was static
 * or dynamic.
 */
public final class ResourcesProto {
  private static final String UNRESERVED = Resource.UNRESERVED;

  private ResourcesProto() {}

  /**
   * Combines the messages into one {@link Resources}. The role is taken from the reservation
   * stack's innermost entry (the last one, as refinement pushes onto it), else from the
   * deprecated {@code role} field, else "*"; when both are set they must agree.
   */
  public static Resources fromProto(List<Protos.Resource> resources) {
    List<Resource> entries = new ArrayList<>(resources.size());
    for (int i = 0; i < resources.size(); i++) {
      entries.add(fromProto(resources.get(i), i));
    }
    return Resources.of(entries);
  }

  public static List<Protos.Resource> toProto(Resources resources) {
    List<Protos.Resource> messages = new ArrayList<>(resources.entries().size());
    for (Resource entry : resources.entries()) {
      messages.add(toBuilder(entry).build());
    }
    return messages;
  }

  /** As {@link #toProto(Resources)}, also stamping the role the resources are offered to. */
  public static List<Protos.Resource> toProto(Resources resources, String allocationRole) {
    Protos.Resource.AllocationInfo allocation =
        Protos.Resource.AllocationInfo.newBuilder().setRole(allocationRole).build();
    List<Protos.Resource> messages = new ArrayList<>(resources.entries().size());
    for (Resource entry : resources.entries()) {
      messages.add(toBuilder(entry).setAllocationInfo(allocation).build());
    }
    return messages;
  }

  private static Resource fromProto(Protos.Resource message, int index) {
    String where = "resources[" + index + "]: ";
    if (!message.hasName() || message.getName().isEmpty()) {
      throw new IllegalArgumentException(where
          + "invalid resource: the name is missing; set 'name', e.g. \"cpus\"");
    }
    String name = message.getName();
    String context = where + "invalid resource '" + name + "': ";
    if (!message.hasType()) {
      throw new IllegalArgumentException(context
          + "the type is missing; set 'type' to SCALAR, RANGES or SET");
    }
    String role = roleOf(message, context);
    switch (message.getType()) {
      case SCALAR:
        requireOnlyValue(message, message.hasScalar(), "scalar", context);
        return scalar(name, role, message.getScalar().getValue(), context, where);
      case RANGES:
        requireOnlyValue(message, message.hasRanges(), "ranges", context);
        List<Range> ranges = ranges(message.getRanges(), context);
        return withIndex(where, () -> new Resource.Ranges(name, role, ranges));
      case SET:
        requireOnlyValue(message, message.hasSet(), "set", context);
        return withIndex(where,
            () -> new Resource.Set(name, role, new TreeSet<>(message.getSet().getItemList())));
      case TEXT:
        throw new IllegalArgumentException(context
            + "type TEXT is only valid for attributes; use SCALAR, RANGES or SET");
      default:
        throw new IllegalArgumentException(context + "unknown type " + message.getType()
            + "; use SCALAR, RANGES or SET");
    }
  }

  /** The value type explains its own errors; we only add which message of the list it was. */
  private static Resource withIndex(String where, Supplier<Resource> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  // The deprecated role field is still what pre-refinement clients send and read.
  @SuppressWarnings("deprecation")
  private static String roleOf(Protos.Resource message, String context) {
    int stacked = message.getReservationsCount();
    String reserved = stacked > 0 ? message.getReservations(stacked - 1).getRole() : null;
    String legacy = message.hasRole() ? message.getRole() : null;
    if (reserved != null && legacy != null && !reserved.equals(legacy)) {
      throw new IllegalArgumentException(context + "the deprecated 'role' (" + legacy
          + ") disagrees with the last 'reservations' role (" + reserved + "); set only"
          + " 'reservations' or make them agree");
    }
    if (reserved != null && reserved.isEmpty()) {
      // Reading it as unreserved would silently hand a reservation to everyone.
      throw new IllegalArgumentException(context
          + "the last 'reservations' entry has no role; set its 'role'");
    }
    if (reserved != null) {
      return reserved;
    }
    return legacy != null ? legacy : UNRESERVED;
  }

  private static void requireOnlyValue(
      Protos.Resource message, boolean hasExpected, String expected, String context) {
    int values = (message.hasScalar() ? 1 : 0) + (message.hasRanges() ? 1 : 0)
        + (message.hasSet() ? 1 : 0);
    if (!hasExpected || values != 1) {
      throw new IllegalArgumentException(context + "type " + message.getType()
          + " needs exactly one value, in '" + expected + "'; set that field and no other value");
    }
  }

  private static Resource scalar(
      String name, String role, double value, String context, String where) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      throw new IllegalArgumentException(context
          + "scalar values must be finite and non-negative, got " + value);
    }
    return withIndex(where, () -> Resource.Scalar.of(name, role, value));
  }

  private static List<Range> ranges(Protos.Value.Ranges ranges, String context) {
    List<Range> result = new ArrayList<>(ranges.getRangeCount());
    for (Protos.Value.Range range : ranges.getRangeList()) {
      // uint64 arrives as a Java long: values above Long.MAX_VALUE show up negative.
      if (range.getBegin() < 0 || range.getEnd() < 0) {
        throw new IllegalArgumentException(context + "range "
            + Long.toUnsignedString(range.getBegin()) + "-" + Long.toUnsignedString(range.getEnd())
            + " exceeds the largest supported bound " + Long.MAX_VALUE);
      }
      if (range.getBegin() > range.getEnd()) {
        throw new IllegalArgumentException(context + "range " + range.getBegin() + "-"
            + range.getEnd() + " has begin greater than end; swap 'begin' and 'end'");
      }
      result.add(new Range(range.getBegin(), range.getEnd()));
    }
    return result;
  }

  @SuppressWarnings("deprecation")
  private static Protos.Resource.Builder toBuilder(Resource entry) {
    Protos.Resource.Builder builder =
        Protos.Resource.newBuilder().setName(entry.name()).setRole(entry.role());
    if (entry instanceof Resource.Scalar s) {
      builder.setType(Protos.Value.Type.SCALAR)
          .setScalar(Protos.Value.Scalar.newBuilder().setValue(s.value()));
    } else if (entry instanceof Resource.Ranges r) {
      Protos.Value.Ranges.Builder ranges = Protos.Value.Ranges.newBuilder();
      for (Range range : r.ranges()) {
        ranges.addRange(Protos.Value.Range.newBuilder().setBegin(range.begin()).setEnd(range.end()));
      }
      builder.setType(Protos.Value.Type.RANGES).setRanges(ranges);
    } else {
      builder.setType(Protos.Value.Type.SET)
          .setSet(Protos.Value.Set.newBuilder().addAllItem(((Resource.Set) entry).items()));
    }
    return builder;
  }
}

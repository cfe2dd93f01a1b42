/**
 * The one JSON codec for the Mesos v1 wire model ({@code org.apache.mesos.v1.*} protobuf classes):
 * {@link io.meseta.protocol.json.MesosJson} maps messages to and from JSON by Mesos' own stout
 * rules (snake_case names, enums by name, int64 as numbers, ASCII-only output), and
 * {@link io.meseta.protocol.json.RecordIO} frames them for the {@code /api/v1/scheduler} stream.
 * Depends on protobuf-java, Jackson core/databind and (for RecordIO buffers) Vert.x core; never on
 * other Meseta packages, so every layer that speaks the wire can use it.
 */
package io.meseta.protocol.json;

/**
 * The {@link io.meseta.core.resources.Resources} value type: fixed-point scalars, port-style
 * ranges and sets, each owned by a role ("*" = unreserved), with the algebra the allocator and
 * master rely on (plus, minus, contains) and the Mesos text form ("cpus:4;ports:[31000-32000]").
 *
 * <p>Pure: no Vert.x, no I/O, no clock; depends on nothing but the JDK.
 */
package io.meseta.core.resources;

/**
 * Event-bus addresses, the immutable messages master verticles exchange, and their codecs.
 * Depends on core, protocol and Vert.x.
 */
package io.meseta.master.bus;

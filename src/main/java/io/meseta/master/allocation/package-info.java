/**
 * The allocator verticle: a thin adapter that feeds the pure allocator and turns its
 * decisions into OFFERS and RESCIND events.
 */
package io.meseta.master.allocation;

/**
 * The allocator verticle: a thin adapter that feeds the pure allocator and turns its
 * decisions into OFFERS and RESCIND events; and the operators' role weights and quotas, written
 * through the state store before they take effect and loaded from it at start.
 */
package io.meseta.master.allocation;

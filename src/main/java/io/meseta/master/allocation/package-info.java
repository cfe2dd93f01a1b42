/**
 * The allocator verticle: a thin adapter that feeds the pure allocator and turns its
 * decisions into OFFERS and RESCIND events; ACCEPT with its RESERVE and UNRESERVE operations;
 * and what operators and frameworks set that must outlive a leader — role weights, quotas and
 * dynamic reservations — written through the state store before they take effect and loaded
 * from it at start.
 */
package io.meseta.master.allocation;

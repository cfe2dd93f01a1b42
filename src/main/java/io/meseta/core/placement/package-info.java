/**
 * Placement: where a task can go and where it should go. Feasibility checks run cheapest first
 * and each rejection carries a structured reason (so "why is my job pending?" is answered from
 * data); scorers rank the feasible agents (best-fit, dot-product packing, spreading); the
 * defragmenter plans the cheapest hole for a task that fits nowhere though enough is free.
 * Pure: no Vert.x, no I/O, no clock.
 */
package io.meseta.core.placement;

/**
 * Preemption planning: when higher-priority demand cannot be met from free resources, choose the
 * fewest, least valuable running tasks whose resources would make room, on one agent, and say
 * why each was chosen. It only plans; the master carries the plan out (notify, grace, kill).
 * Pure: no Vert.x, no I/O, no clock.
 */
package io.meseta.core.preemption;

/**
 * What the master services tell operators: {@link io.meseta.master.operator.OperatorFeed}
 * publishes operator-stream facts and counts the events behind Mesos' counter metrics; {@link
 * io.meseta.master.operator.RunTimer} keeps Mesos-style timer statistics. Depends on master.bus.
 */
package io.meseta.master.operator;

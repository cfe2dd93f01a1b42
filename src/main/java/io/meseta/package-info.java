/**
 * Entry point: {@link io.meseta.Main} hands the command line to {@code io.meseta.cli}.
 */
package io.meseta;

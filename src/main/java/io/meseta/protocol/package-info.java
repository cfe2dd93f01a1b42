/**
 * Wire model and codecs: Mesos protobuf conversion, JSON, RecordIO, agent protocol; depends on
 * core.
 */
package io.meseta.protocol;

package io.meseta.protocol.json;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Mesos RecordIO framing ({@code docs/recordio.md}): each record is its decimal byte length, a
 * line feed, then exactly that many bytes. No CR, no trailing newline, no header.
 */
public final class RecordIO {
  /** Large enough for an OFFERS event of a big cluster, small enough that garbage cannot OOM us. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 128 * 1024 * 1024;

  private RecordIO() {}

  public static Buffer encode(byte[] record) {
    byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    return Buffer.buffer(header.length + record.length).appendBytes(header).appendBytes(record);
  }

  /**
   * Turns a byte stream, chunked anyhow (proxies re-chunk), back into records. Not thread-safe:
   * feed it from one context. After a framing error the stream cannot be resynchronised, so every
   * later {@link #feed} fails too.
   */
  public static final class Decoder {
    /** 20 digits hold any uint64; more is garbage, not a length. */
    private static final int MAX_LENGTH_DIGITS = 20;

    private final Consumer<byte[]> onRecord;
    private final int maxRecordBytes;
    private long length;
    private int lengthDigits;
    private byte[] record; // non-null while reading a record's data
    private int filled;
    private String failure;

    public Decoder(Consumer<byte[]> onRecord) {
      this(onRecord, DEFAULT_MAX_RECORD_BYTES);
    }

    public Decoder(Consumer<byte[]> onRecord, int maxRecordBytes) {
      this.onRecord = Objects.requireNonNull(onRecord, "onRecord");
      this.maxRecordBytes = maxRecordBytes;
    }

    /** @throws MesosJsonException if the stream is not RecordIO (a length is not a number). */
    public void feed(Buffer chunk) {
      if (failure != null) {
        throw new MesosJsonException(failure);
      }
      int position = 0;
      int end = chunk.length();
      while (position < end) {
        if (record != null) {
          int take = Math.min(end - position, record.length - filled);
          chunk.getBytes(position, position + take, record, filled);
          position += take;
          filled += take;
          if (filled == record.length) {
            byte[] done = record;
            record = null;
            onRecord.accept(done);
          }
        } else {
          readLengthByte(chunk.getByte(position++));
        }
      }
    }

    private void readLengthByte(byte b) {
      if (b == '\n') {
        if (lengthDigits == 0) {
          return; // an empty line between records: tolerated, as Mesos' own reader does
        }
        if (length == 0) {
          fail("record length 0 (a record has at least one byte)");
        }
        record = new byte[(int) length];
        filled = 0;
        length = 0;
        lengthDigits = 0;
      } else if (b >= '0' && b <= '9') {
        if (++lengthDigits > MAX_LENGTH_DIGITS) {
          fail("record length has more than " + MAX_LENGTH_DIGITS + " digits");
        }
        length = length * 10 + (b - '0');
        if (length > maxRecordBytes) {
          fail("record length " + length + "... exceeds the limit of " + maxRecordBytes + " bytes");
        }
      } else {
        fail("expected a decimal record length, got byte 0x" + Integer.toHexString(b & 0xFF)
            + (b >= 0x20 && b < 0x7F ? " ('" + (char) b + "')" : ""));
      }
    }

    private void fail(String problem) {
      failure = "Malformed RecordIO stream: " + problem;
      throw new MesosJsonException(failure);
    }
  }
}

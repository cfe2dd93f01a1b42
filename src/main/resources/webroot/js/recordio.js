// RecordIO as Mesos frames its streams: "<decimal length>\n<length bytes>" repeated. A record
// may arrive split across chunks, several may share one chunk; lengths count bytes, not chars.

const NEWLINE = 10;

export class RecordIOParser {
  constructor() {
    this.buffer = new Uint8Array(0);
    this.decoder = new TextDecoder();
  }

  /** Adds a chunk; returns the records it completed, decoded as UTF-8 strings. */
  push(chunk) {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const records = [];
    let start = 0;
    for (;;) {
      const newline = joined.indexOf(NEWLINE, start);
      if (newline < 0) break;
      const header = this.decoder.decode(joined.subarray(start, newline)).trim();
      const length = Number(header);
      if (!/^\d+$/.test(header) || !Number.isSafeInteger(length)) {
        throw new Error(`RecordIO stream is corrupt: expected a record length, read '${header}'`);
      }
      if (joined.length < newline + 1 + length) break;
      records.push(this.decoder.decode(joined.subarray(newline + 1, newline + 1 + length)));
      start = newline + 1 + length;
    }
    this.buffer = joined.slice(start);
    return records;
  }
}

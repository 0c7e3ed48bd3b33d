// Wraps a device connection and enforces the MQTT packet size limit before a byte of an oversized
// packet is buffered: it follows each fixed header's remaining length and cuts the connection
// when a packet announces more than the limit. Bytes pass through unchanged, with backpressure.
import { Duplex } from 'node:stream';

export class GuardedConnection extends Duplex {
  /** Bytes left in the packet being passed through. */
  private remaining = 0;
  /** 0: expecting a packet's first byte; 1..4: reading the remaining-length varint. */
  private headerByte = 0;
  private length = 0;
  private multiplier = 1;

  constructor(
    private readonly inner: Duplex,
    readonly maxPacketSize: number,
    readonly remoteAddress: string,
    private readonly onOversized: (announced: number) => void,
  ) {
    super({ allowHalfOpen: false });
    inner.on('data', (chunk: Buffer) => {
      const announced = this.inspect(chunk);
      if (announced !== null) {
        this.onOversized(announced);
        this.destroy(new Error(`MQTT packet of ${announced} bytes exceeds the ${maxPacketSize}-byte limit`));
        return;
      }
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (err) => this.destroy(err));
    inner.on('close', () => this.destroy());
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.forward(chunk, done);
  }

  /**
   * Aedes corks the stream and writes a packet in pieces (header, length, id…): passing the batch
   * on as one write keeps it one system call, as it is when Aedes writes to a socket directly.
   */
  override _writev(chunks: { chunk: Buffer }[], done: (err?: Error | null) => void): void {
    const data = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk));
    this.forward(data, done);
  }

  private forward(data: Buffer, done: (err?: Error | null) => void): void {
    if (this.inner.write(data)) done();
    else this.inner.once('drain', () => done());
  }

  override _final(done: (err?: Error | null) => void): void {
    this.inner.end(() => done());
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.inner.destroy();
    done(err);
  }

  /** Advances the header parser over `chunk`; returns the announced size of an oversized packet. */
  private inspect(chunk: Buffer): number | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        this.remaining -= take;
        i += take;
        continue;
      }
      const byte = chunk[i++]!;
      if (this.headerByte === 0) {
        this.headerByte = 1;
        this.length = 0;
        this.multiplier = 1;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      if (byte & 0x80) {
        if (++this.headerByte > 4) return this.length;
        continue;
      }
      if (this.length > this.maxPacketSize) return this.length;
      this.headerByte = 0;
      this.remaining = this.length;
    }
    return null;
  }
}

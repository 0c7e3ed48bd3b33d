// Serial framing (PRODUCT.md, "Serial framing"): COBS(payload ‖ CRC-32(payload) as 4 bytes LE) ‖ 0x00.
// The payload is a link frame (serial-link.ts), which carries the same Envelopes as MQTT. The decoder is a stream: it drops
// garbage, bad COBS and bad CRCs, counts them, and resynchronises at the next 0x00.
import { crc32 } from 'node:zlib';
import { HwbindError } from './errors.js';

/** Largest payload a frame may carry (a firmware chunk of 64 KiB plus its envelope fits). */
export const MAX_FRAME_PAYLOAD = 96 * 1024;
const CRC_BYTES = 4;

/** COBS-encodes `data`: the result has no zero bytes. */
export function cobsEncode(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.length + Math.ceil(data.length / 254) + 1);
  let codeAt = 0;
  let o = 1;
  let code = 1;
  for (const byte of data) {
    if (byte === 0) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
    } else {
      out[o++] = byte;
      code++;
      if (code === 0xff) {
        out[codeAt] = code;
        codeAt = o++;
        code = 1;
      }
    }
  }
  out[codeAt] = code;
  return out.subarray(0, o);
}

/** Decodes one COBS block (without its 0x00 delimiter). */
export function cobsDecode(block: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(block.length);
  let i = 0;
  let o = 0;
  while (i < block.length) {
    const code = block[i]!;
    if (code === 0) throw new HwbindError('frame_malformed', 'zero byte inside a COBS block');
    const end = i + code;
    if (end > block.length) throw new HwbindError('frame_malformed', 'COBS block ends early');
    for (let j = i + 1; j < end; j++) {
      const b = block[j]!;
      if (b === 0) throw new HwbindError('frame_malformed', 'zero byte inside a COBS block');
      out[o++] = b;
    }
    i = end;
    if (code !== 0xff && i < block.length) out[o++] = 0;
  }
  return out.subarray(0, o);
}

/** One wire frame for `payload`, ending with its 0x00 delimiter. */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME_PAYLOAD) {
    throw new HwbindError('frame_too_large', `payload of ${payload.length} bytes exceeds ${MAX_FRAME_PAYLOAD}`);
  }
  const body = Buffer.allocUnsafe(payload.length + CRC_BYTES);
  body.set(payload, 0);
  body.writeUInt32LE(crc32(payload), payload.length);
  const encoded = cobsEncode(body);
  const frame = Buffer.allocUnsafe(encoded.length + 1);
  encoded.copy(frame, 0);
  frame[encoded.length] = 0;
  return frame;
}

/** Decodes one complete frame (with or without its trailing 0x00) to its payload. */
export function decodeFrame(frame: Uint8Array): Buffer {
  const block = frame.length > 0 && frame[frame.length - 1] === 0 ? frame.subarray(0, frame.length - 1) : frame;
  if (block.length > maxEncodedLength()) throw new HwbindError('frame_too_large');
  const body = cobsDecode(block);
  if (body.length < CRC_BYTES) throw new HwbindError('frame_malformed', 'frame shorter than its CRC');
  const payload = body.subarray(0, body.length - CRC_BYTES);
  if (body.readUInt32LE(payload.length) !== crc32(payload)) throw new HwbindError('frame_crc_mismatch');
  return payload;
}

function maxEncodedLength(): number {
  const body = MAX_FRAME_PAYLOAD + CRC_BYTES;
  return body + Math.ceil(body / 254) + 1;
}

export interface FrameStats {
  frames: number;
  crcErrors: number;
  malformed: number;
  oversized: number;
  /** Bytes thrown away in dropped frames. */
  droppedBytes: number;
}

/** Streaming decoder: feed it bytes as they arrive, get whole payloads back. */
export class FrameDecoder {
  readonly stats: FrameStats = { frames: 0, crcErrors: 0, malformed: 0, oversized: 0, droppedBytes: 0 };
  private buf: Buffer;
  private len = 0;
  private discarding = false;
  private readonly limit = maxEncodedLength();

  constructor(private readonly onDrop?: (err: HwbindError) => void) {
    this.buf = Buffer.allocUnsafe(1024);
  }

  /** Returns the payloads completed by `chunk`, in order. */
  push(chunk: Uint8Array): Buffer[] {
    const out: Buffer[] = [];
    let start = 0;
    while (start < chunk.length) {
      const zero = chunk.indexOf(0, start);
      const end = zero === -1 ? chunk.length : zero;
      this.append(chunk.subarray(start, end));
      if (zero === -1) break;
      this.finishFrame(out);
      start = zero + 1;
    }
    return out;
  }

  /** Bytes held for a frame not yet terminated. */
  get pending(): number {
    return this.len;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.discarding) {
      this.stats.droppedBytes += bytes.length;
      return;
    }
    if (this.len + bytes.length > this.limit) {
      // Too long to be a frame: drop it and everything up to the next delimiter.
      this.stats.droppedBytes += this.len + bytes.length;
      this.len = 0;
      this.discarding = true;
      return;
    }
    if (this.len + bytes.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(this.limit, Math.max(this.buf.length * 2, this.len + bytes.length)));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  private finishFrame(out: Buffer[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.stats.oversized++;
      this.onDrop?.(new HwbindError('frame_too_large'));
      return;
    }
    if (this.len === 0) return; // back-to-back delimiters are idle line, not errors
    const block = this.buf.subarray(0, this.len);
    this.len = 0;
    try {
      out.push(Buffer.from(decodeFrame(block)));
      this.stats.frames++;
    } catch (err) {
      const e = err as HwbindError;
      if (e.code === 'frame_crc_mismatch') this.stats.crcErrors++;
      else this.stats.malformed++;
      this.stats.droppedBytes += block.length;
      this.onDrop?.(e);
    }
  }
}

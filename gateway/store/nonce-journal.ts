// The embedded store's record of device nonces: an append-only file beside the database, with the
// unexpired nonces in memory. A claim is answered only once its line is on disk (fdatasync), but
// the write and the sync run on libuv's thread pool, so the event loop goes on accepting connects
// meanwhile; claims that arrive during a sync are written together by the next one. (In SQLite
// every commit's fsync blocked the event loop and held connects near 1,000/s.) Expired lines are
// dropped by rewriting the file now and then; a line torn by a crash was never answered and is
// skipped on reading.
import { closeSync, fdatasync, fsyncSync, openSync, readFileSync, renameSync, write, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { NonceClaim } from './types.js';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

/** Rewrite the file once it holds this many more lines than live nonces. */
const COMPACT_SLACK = 10_000;

interface Waiter {
  text: string;
  resolve(): void;
  reject(err: unknown): void;
}

export class NonceJournal {
  /** `SN nonce` → expiry (ms) of every unexpired nonce. */
  private readonly live = new Map<string, number>();
  private fd: number | null;
  private lines = 0;
  private waiting: Waiter[] = [];
  private draining: Promise<void> | null = null;
  private compactWanted = false;
  private compactFailure: unknown = null;

  /** Reads (creating) the journal at `path`; null keeps nonces in memory only (a throwaway store). */
  constructor(private readonly path: string | null) {
    this.fd = null;
    if (path === null) return;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const line of text.split('\n')) {
      const [sn, nonce, expiry, extra] = line.split(' ');
      const expiresAt = Number(expiry);
      if (!sn || !nonce || extra !== undefined || !Number.isSafeInteger(expiresAt)) continue;
      this.lines++;
      // Expired ones too: a claim judges expiry by its own clock, and the next sweep drops them.
      this.live.set(`${sn} ${nonce}`, expiresAt);
    }
    this.fd = openSync(path, 'a');
  }

  /** Claims recorded with the same meaning as the Store's claimNonces. */
  async claim(claims: NonceClaim[], now: number): Promise<boolean[]> {
    const fresh = claims.map((c) => {
      const key = `${c.sn} ${c.nonce}`;
      const expiry = this.live.get(key);
      if (expiry !== undefined && expiry > now) return false;
      this.live.set(key, c.expiresAt);
      return true;
    });
    const taken = claims.filter((_, i) => fresh[i]);
    if (taken.length === 0) return fresh;
    try {
      await this.append(taken.map((c) => `${c.sn} ${c.nonce} ${c.expiresAt}\n`).join(''));
    } catch (err) {
      // Not on disk, so not claimed.
      for (const c of taken)
        if (this.live.get(`${c.sn} ${c.nonce}`) === c.expiresAt) this.live.delete(`${c.sn} ${c.nonce}`);
      throw err;
    }
    return fresh;
  }

  /** Forgets the nonces expired at `now`; resolves to how many. */
  async sweep(now: number): Promise<number> {
    let swept = 0;
    for (const [key, expiry] of this.live) {
      if (expiry <= now) {
        this.live.delete(key);
        swept++;
      }
    }
    if (this.fd !== null && this.lines > this.live.size + COMPACT_SLACK) {
      this.compactWanted = true;
      await this.drain();
      const failure = this.compactFailure;
      this.compactFailure = null;
      if (failure) throw failure;
    }
    return swept;
  }

  /** Nonces carried over from an older store (already durable there): written before anything else. */
  importSync(kept: NonceClaim[]): void {
    for (const c of kept) this.live.set(`${c.sn} ${c.nonce}`, c.expiresAt);
    if (this.fd === null || kept.length === 0) return;
    writeSync(this.fd, kept.map((c) => `${c.sn} ${c.nonce} ${c.expiresAt}\n`).join(''));
    fsyncSync(this.fd);
    this.lines += kept.length;
  }

  async close(): Promise<void> {
    await this.draining;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private append(text: string): Promise<void> {
    if (this.fd === null) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ text, resolve, reject });
      void this.drain();
    });
  }

  /** One writer at a time: each round writes and syncs everything that queued during the last. */
  private drain(): Promise<void> {
    this.draining ??= (async () => {
      try {
        while (this.waiting.length > 0 || this.compactWanted) {
          if (this.compactWanted) {
            this.compactWanted = false;
            try {
              this.compact();
            } catch (err) {
              // The old file is still whole and still appended to: only the clean-up failed.
              this.compactFailure = err;
            }
          }
          const batch = this.waiting;
          this.waiting = [];
          if (batch.length === 0) continue;
          try {
            const bytes = Buffer.from(batch.map((w) => w.text).join(''));
            for (let at = 0; at < bytes.length; ) at += (await writeAsync(this.fd!, bytes, at)).bytesWritten;
            await fdatasyncAsync(this.fd!);
            this.lines += batch.reduce((n, w) => n + (w.text.split('\n').length - 1), 0);
            for (const w of batch) w.resolve();
          } catch (err) {
            for (const w of batch) w.reject(err);
          }
        }
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /** Rewrites the file with the live nonces only: a new file, synced, renamed over the old one. */
  private compact(): void {
    const path = this.path!;
    const temp = `${path}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      const lines = [...this.live].map(([key, expiry]) => `${key} ${expiry}\n`);
      writeSync(fd, lines.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    closeSync(this.fd!);
    this.fd = openSync(path, 'a');
    this.lines = this.live.size;
  }
}

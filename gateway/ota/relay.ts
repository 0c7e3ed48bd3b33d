// The chunk relay: answers devices' FirmwareChunkRequests from the image files, never holding a
// whole image in memory. A request is checked against the device's live job (a job that ended, or
// another device's, is refused with fw_job_ended so the device stops) and queued; chunks are read
// and sent a bounded number at a time across all devices (`concurrency`), taking devices in turn
// (round robin), so that a thousand downloads share the gateway fairly and the messages that are
// not firmware (heartbeats, records, binding) never wait behind them: the request's handler returns
// at once, and reading a chunk happens off the event loop.
import { type FileHandle, open } from 'node:fs/promises';
import { HwbindError } from '../../protocol/errors.js';
import { type BodyOf, envelope } from '../../protocol/messages.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { FirmwareJob } from '../store/types.js';

/** Requests one device may have waiting; a device keeping more is asking out of turn. */
const MAX_QUEUED_PER_DEVICE = 32;

interface ChunkRequest {
  job: FirmwareJob;
  offset: number;
  length: number;
  /** The request's envelope id: the chunk answers it. */
  replyTo: string;
}

interface OpenImage {
  handle: Promise<FileHandle>;
  /** Live jobs using it; closed when none is left. */
  jobs: Set<string>;
}

export interface ChunkRelayOptions {
  links: DeviceLinks;
  logger: Logger;
  /** Chunks read and sent at once, across all devices. */
  concurrency: number;
  /** The live job with this id, or null when there is none (ended, cancelled, unknown). */
  liveJob(jobId: string): FirmwareJob | null;
  /** Where the image with this SHA-256 is. */
  imagePath(sha256: string): string;
  /** The first chunk request of a job: the device has started downloading. */
  started(job: FirmwareJob): void;
}

export class ChunkRelay {
  private readonly queues = new Map<string, ChunkRequest[]>();
  /** Devices with requests waiting, in turn order. */
  private readonly turn: string[] = [];
  private readonly images = new Map<string, OpenImage>();
  private inFlight = 0;
  private idle: (() => void) | null = null;
  readonly served = { chunks: 0, bytes: 0 };

  constructor(private readonly o: ChunkRelayOptions) {}

  /** Checks and queues a device's request; throws the refusal the router answers with. */
  request(sn: string, requestId: string, req: BodyOf<'firmwareChunkRequest'>): void {
    const job = req.jobId ? this.o.liveJob(req.jobId) : null;
    if (!job || job.sn !== sn)
      throw new HwbindError('fw_job_ended', `no firmware job ${req.jobId} is running for ${sn}: stop downloading it`);
    const offset = req.offset ?? 0;
    const length = req.length ?? 0;
    if (offset >= job.size || length < 1 || length > job.chunkSize)
      throw new HwbindError(
        'invalid_argument',
        `a chunk of job ${job.id} starts below ${job.size} and is 1-${job.chunkSize} bytes long (asked ${length} at ${offset})`,
      );
    const queue = this.queues.get(sn) ?? [];
    if (queue.length >= MAX_QUEUED_PER_DEVICE)
      throw new HwbindError('busy', `${MAX_QUEUED_PER_DEVICE} chunk requests are already waiting for ${sn}`);
    if (job.state === 'queued') this.o.started(job);
    if (queue.length === 0) {
      this.queues.set(sn, queue);
      this.turn.push(sn);
    }
    queue.push({ job, offset, length: Math.min(length, job.size - offset), replyTo: requestId });
    this.pump();
  }

  /** A job ended: its waiting requests go, and its image file closes when no other job reads it. */
  forget(job: FirmwareJob): void {
    const queue = this.queues.get(job.sn);
    if (queue) {
      const kept = queue.filter((r) => r.job.id !== job.id);
      if (kept.length) this.queues.set(job.sn, kept);
      else {
        this.queues.delete(job.sn);
        this.turn.splice(this.turn.indexOf(job.sn), 1);
      }
    }
    const image = this.images.get(job.sha256);
    if (!image?.jobs.delete(job.id) || image.jobs.size > 0) return;
    this.images.delete(job.sha256);
    void image.handle.then((h) => h.close()).catch(() => undefined);
  }

  /** Resolves when no chunk is being read or sent and none waits (stop() waits for it). */
  drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  /** Closes every image file. */
  async close(): Promise<void> {
    this.queues.clear();
    this.turn.length = 0;
    await this.drained();
    const images = [...this.images.values()];
    this.images.clear();
    await Promise.all(images.map((i) => i.handle.then((h) => h.close()).catch(() => undefined)));
  }

  private pump(): void {
    while (this.inFlight < this.o.concurrency && this.turn.length > 0) {
      const sn = this.turn.shift()!;
      const queue = this.queues.get(sn);
      const next = queue?.shift();
      if (!next) continue;
      if (queue!.length > 0) this.turn.push(sn);
      else this.queues.delete(sn);
      this.inFlight += 1;
      void this.serve(next)
        .catch((err) => this.o.logger.error({ err, sn, job: next.job.id }, 'firmware chunk not sent'))
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
          if (this.inFlight === 0 && this.idle) {
            this.idle();
            this.idle = null;
          }
        });
    }
  }

  private async serve(r: ChunkRequest): Promise<void> {
    // Asked for by a job that ended while the request waited: the device learns it at its next request.
    if (this.o.liveJob(r.job.id) === null) return;
    const data = Buffer.allocUnsafe(r.length);
    const { bytesRead } = await (await this.image(r.job)).read(data, 0, r.length, r.offset);
    if (bytesRead !== r.length)
      throw new HwbindError('internal', `image ${r.job.sha256} ended at ${r.offset + bytesRead}, before ${r.job.size}`);
    if (this.o.liveJob(r.job.id) === null) return;
    const sent = await this.o.links.send(
      r.job.sn,
      'down/firmware',
      envelope('firmwareChunk', { jobId: r.job.id, offset: r.offset, data }, { replyTo: r.replyTo }),
    );
    if (!sent) return;
    this.served.chunks += 1;
    this.served.bytes += r.length;
  }

  private image(job: FirmwareJob): Promise<FileHandle> {
    let image = this.images.get(job.sha256);
    if (!image) {
      image = { handle: open(this.o.imagePath(job.sha256), 'r'), jobs: new Set() };
      this.images.set(job.sha256, image);
      // A file that cannot be opened is tried again by the next request, not remembered.
      image.handle.catch(() => this.images.delete(job.sha256));
    }
    image.jobs.add(job.id);
    return image.handle;
  }
}

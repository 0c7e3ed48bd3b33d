// The person side of the binding benchmark: one device admin binding devices through the Person API
// as the binding page does — POST /api/v1/bindings over keep-alive HTTP, with the binder's event
// stream (GET /api/v1/events, server-sent events) open to see each binding become active.

/** A confirm → active measurement: until the 201 answer, and until the `active` event. */
export interface BindTiming {
  sn: string;
  confirmedMs: number;
  activeMs: number;
}

export class Binder {
  private readonly waiting = new Map<string, (at: number) => void>();
  private stream: ReadableStreamDefaultReader<Uint8Array> | null = null;

  private constructor(
    private readonly httpUrl: string,
    private readonly token: string,
  ) {}

  /** Opens the binder's event stream; resolves once the gateway has registered it. */
  static async open(httpUrl: string, token: string): Promise<Binder> {
    const b = new Binder(httpUrl, token);
    const res = await fetch(`${httpUrl}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`GET /api/v1/events: ${res.status}`);
    b.stream = res.body.getReader();
    void b.read();
    return b;
  }

  /** Reads events as they arrive; an `active` binding event settles the wait for its SN. */
  private async read(): Promise<void> {
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await this.stream!.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const at = performance.now();
      text += decoder.decode(value, { stream: true });
      let end = text.indexOf('\n\n');
      while (end >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        end = text.indexOf('\n\n');
        if (!block.startsWith('event: binding\n')) continue;
        const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { sn: string; status: string };
        if (data.status === 'active') this.waiting.get(data.sn)?.(at);
      }
    }
  }

  /** Binds one device by its dynamic QR code; the time from sending the confirm to seeing it active. */
  async bind(sn: string, qr: string, body: Record<string, unknown>, timeoutMs = 30_000): Promise<BindTiming> {
    let timer: NodeJS.Timeout | undefined;
    const active = new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${sn}: no active binding event within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(sn, resolve);
    });
    try {
      const start = performance.now();
      const res = await fetch(`${this.httpUrl}/api/v1/bindings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ qr, ...body }),
      });
      const answer = (await res.json()) as { sn?: string; status?: string };
      const confirmed = performance.now();
      if (res.status !== 201 || answer.status !== 'pending')
        throw new Error(`POST /api/v1/bindings for ${sn}: ${res.status} ${JSON.stringify(answer)}`);
      return { sn, confirmedMs: confirmed - start, activeMs: (await active) - start };
    } finally {
      clearTimeout(timer);
      this.waiting.delete(sn);
    }
  }

  /** Opens `n` keep-alive connections (concurrent GET /api/v1/me), as pages that are already open hold. */
  async warm(n: number): Promise<void> {
    await Promise.all(
      Array.from({ length: n }, async () => {
        const res = await fetch(`${this.httpUrl}/api/v1/me`, { headers: { authorization: `Bearer ${this.token}` } });
        if (res.status !== 200) throw new Error(`GET /api/v1/me: ${res.status}`);
        await res.arrayBuffer();
      }),
    );
  }

  /** The binding status a person sees on the device's page. */
  async status(sn: string): Promise<string | null> {
    const res = await fetch(`${this.httpUrl}/api/v1/devices/${sn}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const body = (await res.json()) as { binding?: { status: string } };
    return body.binding?.status ?? null;
  }

  async close(): Promise<void> {
    await this.stream?.cancel().catch(() => {});
  }
}

/** The p-th percentile (0–100) of a sample, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// Debian's chromium driven by playwright-core for the browser tests, and what its pages log: every
// console error and page error counts, except the 4xx answers a test provokes on purpose (Chromium
// reports each as a console error).
import { type Browser, chromium, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export class ConsoleWatch {
  readonly errors: string[] = [];
  private readonly expected: { status: number; path: string }[] = [];

  /** A refusal the test provokes: its console error is expected. */
  expectRefusal(status: number, path: string): void {
    this.expected.push({ status, path });
  }

  /** Collects what `page` logs as errors, named after `who`. */
  watch(page: Page, who: string): Page {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const failed = /status of (\d{3})/.exec(m.text());
      const url = m.location().url;
      if (
        failed &&
        this.expected.some((r) => r.status === Number(failed[1]) && new URL(url).pathname.startsWith(r.path))
      )
        return;
      this.errors.push(`${who}: ${m.text()} (${url})`);
    });
    page.on('pageerror', (err) => this.errors.push(`${who}: ${err.message}`));
    return page;
  }
}

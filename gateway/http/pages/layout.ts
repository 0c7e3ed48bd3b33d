// The shared frame of every page: HTML from template literals with every value escaped, the header
// (person, navigation, live notification badge), the sign-in and refusal pages, and the page types
// the routes table in index.ts serves. Pure: no I/O.
import { ERROR_CODES, type ErrorCode } from '../../../protocol/errors.js';
import type { Actor } from '../../binding/rules.js';
import type { Role } from '../../store/types.js';
import type { PersonDeps } from '../person-routes.js';

/** Markup that is already safe; everything else interpolated into `html` is escaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Template tag: interpolated values are escaped, nested `html` and arrays of it are kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

export interface PageDeps extends PersonDeps {
  publicUrl: string;
}

/** The signed-in person as the header shows them. */
export interface Viewer {
  userid: string;
  name: string;
  role: Role;
  corpName: string;
  unread: number;
  deviceAdmin: boolean;
}

export interface PageContext {
  d: PageDeps;
  actor: Actor;
  viewer: Viewer;
}

export interface PageRequest {
  query: Record<string, string | undefined>;
  params: Record<string, string | undefined>;
  /** Path and query as requested. */
  url: string;
}

export interface Page {
  title: string;
  body: Html;
  status?: number;
  /** Page scripts under /assets/, loaded after the shared one. */
  scripts?: string[];
}

export type PageResult = Page | { redirect: string };

export type PageHandler = (req: PageRequest, ctx: PageContext) => Promise<PageResult>;

export const ROLE_NAMES: Record<Role, string> = {
  super_admin: 'Super admin',
  admin: 'Admin',
  member: 'Member',
};

/** A time the browser shows in the person's own zone (UTC until the script runs). */
export function time(ms: number | null): Html {
  if (ms === null) return html`never`;
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

function header(viewer: Viewer | null): Html {
  if (!viewer) return html`<header class="top"><a class="brand" href="/hw/devices">hwbind</a></header>`;
  return html`<header class="top">
  <a class="brand" href="/hw/devices">hwbind</a>
  <nav>
    <a href="/hw/addDevice">Add device</a>
    <a href="/hw/devices">Devices</a>
    ${viewer.deviceAdmin ? html`<a href="/admin">Admin</a>` : ''}
    <a href="/hw/notifications" class="inbox" aria-label="Notifications">Inbox<span class="badge" data-badge${viewer.unread ? '' : html` hidden`}>${viewer.unread}</span></a>
  </nav>
  <form method="post" action="/logout" class="who">
    <span>${viewer.name} · ${viewer.corpName}</span>
    <button type="submit" class="link">Sign out</button>
  </form>
</header>`;
}

/** A whole HTML document. */
export function layout(page: Page, viewer: Viewer | null): string {
  const scripts = ['/assets/page.js', ...(page.scripts ?? [])];
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · hwbind</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/hwbind.css">
${scripts.map((src) => html`<script src="${src}" defer></script>\n`)}
</head>
<body${viewer ? html` data-signed-in="${viewer.userid}"` : ''}>
${header(viewer)}
<main>
${page.body}
</main>
</body>
</html>
`}`;
}

/** A refusal in plain words: what it means, the specific reason, and the code to quote. */
export function refusalBox(code: string, message: string, meaning?: string): Html {
  return html`<div class="refusal" role="alert">
  ${meaning && meaning !== message ? html`<strong>${meaning}.</strong> ` : ''}${message}
  <div class="code">Code: <code>${code}</code></div>
</div>`;
}

const meaningOf = (code: string): string | undefined =>
  code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : undefined;

/** The page for a refusal (or failure) with the HTTP status of its code; `shownCode` may rename the code. */
export function errorPage(status: number, code: string, message: string, shownCode = code): Page {
  return {
    status,
    title: meaningOf(code) ?? 'Refused',
    body: html`<section class="card">
  <h1>${status >= 500 ? 'Something went wrong' : 'Not possible'}</h1>
  ${refusalBox(shownCode, message, meaningOf(code))}
  <p><a href="/hw/devices">Back to your devices</a></p>
</section>`,
  };
}

/** Shown with status 401 to anyone without a (valid) session. */
export function signInPage(next: string, reason: string | null): Page {
  return {
    status: 401,
    title: 'Sign in',
    scripts: ['/assets/sign-in.js'],
    body: html`<section class="card">
  <h1>Please sign in</h1>
  ${reason ? html`<p class="refusal" role="alert">${reason}</p>` : ''}
  <p>Open the <strong>login link</strong> your administrator gave you (it looks like
  <code>…/login?token=…</code>); it signs you in on this browser. Then come back to this page.</p>
  <form method="get" action="/login" id="sign-in">
    <label>Or paste your login link or token here
      <input name="token" required autocomplete="off" spellcheck="false">
    </label>
    <input type="hidden" name="next" value="${next}">
    <button type="submit">Sign in</button>
  </form>
</section>`,
  };
}

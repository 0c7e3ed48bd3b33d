// Shared by every page: the Person API with the CSRF header, a small DOM builder, refusals in plain
// words, local times, and the live event stream that keeps the notification badge current.
(() => {
  const csrfToken = () =>
    document.cookie
      .split('; ')
      .find((c) => c.startsWith('hwbind_csrf='))
      ?.slice('hwbind_csrf='.length) ?? '';

  /** Calls the Person API as the signed-in person; never throws: {status, ok, body}. */
  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      return {
        status: 0,
        ok: false,
        body: {
          error: { code: 'network', message: 'The gateway could not be reached: check the connection and try again' },
        },
      };
    }
    const text = await res.text();
    let json = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { error: { code: 'internal', message: `Unexpected answer from the gateway (${res.status})` } };
    }
    return { status: res.status, ok: res.ok, body: json };
  }

  /** h('a', {href}, 'text', child…): text children are text nodes, never markup. */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value === undefined || value === null) continue;
      if (key === 'class') el.className = value;
      else if (key.startsWith('data-')) el.setAttribute(key, value);
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, value);
    }
    el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  /** Shows an API refusal {code, message} in `el` the way server-rendered refusals look. */
  function showRefusal(el, error) {
    const e = error ?? { code: 'internal', message: 'Something went wrong' };
    el.replaceChildren(
      h(
        'div',
        { class: 'refusal', role: 'alert', 'data-code': e.code },
        e.message,
        h('div', { class: 'code' }, 'Code: ', h('code', {}, e.code)),
      ),
    );
    el.hidden = false;
  }

  /** Shows a notice of a kind ('notice', 'success') in `el`. */
  function say(el, kind, ...children) {
    el.replaceChildren(h('div', { class: kind }, ...children));
    el.hidden = false;
  }

  function setBadge(unread) {
    for (const badge of document.querySelectorAll('[data-badge]')) {
      badge.textContent = String(unread);
      badge.hidden = unread === 0;
    }
  }

  for (const t of document.querySelectorAll('time[datetime]')) t.textContent = new Date(t.dateTime).toLocaleString();

  // One stream per page: pages listen on hw.events ('binding', 'notification', 'enrollment', 'firmware').
  const events = new EventTarget();
  let opened = () => {};
  const live = new Promise((resolve) => {
    opened = resolve;
  });
  if (document.body.dataset.signedIn) {
    const source = new EventSource('/api/v1/events');
    source.addEventListener('open', () => opened(true));
    for (const type of ['binding', 'notification', 'enrollment', 'firmware'])
      source.addEventListener(type, (e) => events.dispatchEvent(new CustomEvent(type, { detail: JSON.parse(e.data) })));
    events.addEventListener('notification', (e) => setBadge(e.detail.unread));
    window.addEventListener('pagehide', () => source.close());
  } else opened(false);

  window.hw = { api, h, showRefusal, say, setBadge, events, live };
})();

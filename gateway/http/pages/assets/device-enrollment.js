// The device page's enrollment section: start (POST /devices/:sn/enrollments), follow the progress
// live from the page's event stream, cancel (DELETE /enrollments/:id), and show how it ended.
(() => {
  const { api, h, showRefusal, events, live } = window.hw;
  const root = document.getElementById('enrollment');
  const form = document.getElementById('enroll-form');
  if (!root || !form) return;
  const sn = root.dataset.sn;
  const meanings = JSON.parse(root.dataset.meanings);
  const start = document.getElementById('enroll-start');
  const refusal = document.getElementById('enroll-refusal');
  const box = document.getElementById('enroll-status');
  const cancel = document.getElementById('enroll-cancel');
  const log = document.getElementById('enroll-log');
  const el = (id) => document.getElementById(id);
  const names = new Map([...form.elements.userid.options].map((o) => [o.value, o.dataset.name]));
  const KINDS = { face: 'Face', fingerprint: 'Fingerprint' };
  /** The device's words kept on the page (a long capture says a lot). */
  const MAX_SAID = 12;
  /** How long past the device's own timeout the page asks the gateway how it ended (an event may be lost). */
  const CHECK_GRACE_MS = 5000;

  const running = (e) => e.status === 'requested' || e.status === 'capturing';
  /** The later of two views of one enrollment: an end is final; the POST's answer may come after the first progress. */
  function later(a, b) {
    if (!a) return b;
    if (!running(a)) return a;
    if (b.status === 'requested' && a.status === 'capturing') return a;
    return b;
  }

  /** Every enrollment of this device heard of, latest view by id (events can come before the POST answers). */
  const heard = new Map();
  let current = null;
  let lastSaid = '';
  let check = null;

  function endText(e) {
    const code = e.code ? h('div', { class: 'code' }, 'Code: ', h('code', {}, e.code)) : null;
    const why = e.code ? (meanings[e.code] ?? e.code) : null;
    const who = names.get(e.userid) ?? e.userid;
    switch (e.status) {
      case 'completed':
        return h(
          'div',
          { class: 'success' },
          `Enrolled: ${who}'s ${e.kind} is stored and reaches the enterprise's other devices of this vendor that hold ${who}.`,
        );
      case 'failed':
        return h('div', { class: 'refusal', 'data-code': e.code ?? '' }, `Failed: ${why ?? 'no reason given'}.`, code);
      case 'timed_out':
        return h(
          'div',
          { class: 'refusal', 'data-code': e.code ?? '' },
          e.code
            ? `Timed out: ${why}.`
            : `Timed out: the device did not get enough good samples within ${e.timeoutS} s.`,
          code,
        );
      default:
        return h('div', { class: 'notice' }, 'Cancelled: the device left its capture screen.');
    }
  }

  function stateText(e) {
    if (e.status === 'requested') return 'waiting for the device…';
    if (e.status === 'capturing') return 'capturing';
    return { completed: 'completed', failed: 'failed', cancelled: 'cancelled', timed_out: 'timed out' }[e.status];
  }

  function render(e) {
    box.hidden = false;
    Object.assign(box.dataset, { id: e.id, status: e.status, samples: String(e.samples), percent: String(e.percent) });
    el('enroll-what').textContent = `${KINDS[e.kind]} of ${names.get(e.userid) ?? e.userid}:`;
    el('enroll-state').textContent = stateText(e);
    el('enroll-progress').value = e.percent;
    el('enroll-samples').textContent =
      `${e.samples} of ${e.samplesRequired} ${e.kind === 'fingerprint' ? 'presses' : 'frames'} taken`;
    el('enroll-hint').textContent = running(e) ? e.hint : '';
    const said = `${e.samples}|${e.hint}`;
    if (e.hint && said !== lastSaid) {
      lastSaid = said;
      log.append(h('li', {}, `${e.samples}/${e.samplesRequired}: ${e.hint}`));
      while (log.children.length > MAX_SAID) log.firstElementChild.remove();
      el('enroll-said').hidden = false;
    }
    const end = el('enroll-end');
    if (running(e)) end.hidden = true;
    else {
      end.replaceChildren(endText(e));
      end.hidden = false;
    }
    cancel.hidden = !running(e);
    cancel.disabled = false;
    start.disabled = running(e);
  }

  function show(e) {
    if (current?.id !== e.id) {
      lastSaid = '';
      log.replaceChildren();
      el('enroll-said').hidden = true;
    }
    current = current?.id === e.id ? later(current, e) : e;
    render(current);
    clearTimeout(check);
    if (running(current)) check = setTimeout(askGateway, current.timeoutS * 1000 + CHECK_GRACE_MS);
  }

  async function askGateway() {
    const r = await api('GET', `/enrollments/${encodeURIComponent(current.id)}`);
    if (r.ok) show(r.body);
    else if (running(current)) check = setTimeout(askGateway, CHECK_GRACE_MS);
  }

  events.addEventListener('enrollment', (ev) => {
    const e = ev.detail;
    if (e.sn !== sn) return;
    heard.set(e.id, later(heard.get(e.id), e));
    // The one shown, or a new one on this device (someone else may have started it).
    if (!current || current.id === e.id || (!running(current) && running(e))) show(heard.get(e.id));
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    refusal.hidden = true;
    start.disabled = true;
    // Listening before the device can report (a stream that does not open is not waited for long).
    await Promise.race([live, new Promise((resolve) => setTimeout(resolve, 3000))]);
    const r = await api('POST', `/devices/${encodeURIComponent(sn)}/enrollments`, {
      userid: form.elements.userid.value,
      kind: form.elements.kind.value,
    });
    if (!r.ok) {
      start.disabled = current ? running(current) : false;
      return showRefusal(refusal, r.body.error);
    }
    show(later(r.body, heard.get(r.body.id)));
  });

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    refusal.hidden = true;
    const r = await api('DELETE', `/enrollments/${encodeURIComponent(current.id)}`);
    if (!r.ok) {
      cancel.disabled = false;
      return showRefusal(refusal, r.body.error);
    }
    show(r.body);
  });

  if (root.dataset.latest) show(JSON.parse(root.dataset.latest));
})();

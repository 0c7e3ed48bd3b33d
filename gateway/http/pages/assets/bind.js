// The bind page: resolve what the QR code (or SN + verification code) names and what this person may
// choose, offer exactly that, confirm, then follow the binding live until the device acknowledges.
(() => {
  const { api, h, showRefusal, say, events, live } = window.hw;
  const root = document.getElementById('bind');
  const el = (id) => document.getElementById(id);
  const codeForm = el('code-form');
  const choices = el('choices');
  const progress = el('progress');
  let target = null;
  let device = null;
  let bindingId = null;
  let finished = false;
  // Binding events from page load on: the device may acknowledge before the confirm call returns.
  const seen = new Map();

  function show(status, online) {
    if (finished) return;
    progress.dataset.status = status;
    if (status === 'active') {
      finished = true;
      say(
        progress,
        'success',
        h('strong', {}, 'Bound. '),
        `${device.modelName} ${device.sn} now belongs to your enterprise. `,
        h('a', { href: `/hw/devices/${encodeURIComponent(device.sn)}` }, 'Open the device page'),
      );
    } else if (status === 'removed') {
      finished = true;
      say(
        progress,
        'refusal',
        'The binding ended before the device confirmed it (the device refused it, or an administrator removed it). Nothing is bound.',
      );
    } else
      say(
        progress,
        'notice',
        'Waiting for the device to confirm…',
        online ? '' : ' The device is offline: the binding becomes active when it next connects to the gateway.',
      );
  }

  events.addEventListener('binding', (e) => {
    seen.set(e.detail.bindingId, e.detail.status);
    if (e.detail.bindingId === bindingId && e.detail.status !== 'pending') show(e.detail.status);
  });

  const option = (name, value, label, unavailable) =>
    h(
      'label',
      { class: unavailable ? 'disabled' : undefined },
      h('input', { type: 'checkbox', name, value, disabled: Boolean(unavailable) }),
      label,
      unavailable ? h('span', { class: 'reason' }, unavailable) : null,
    );
  const orNone = (nodes, text) => (nodes.length ? nodes : [h('p', { class: 'meta' }, text)]);

  function render(resolved) {
    device = resolved.device;
    el('device').replaceChildren(
      h('dt', {}, 'Model'),
      h('dd', {}, device.modelName, ' ', h('span', { class: 'meta' }, device.model)),
      h('dt', {}, 'SN'),
      h('dd', {}, h('code', {}, device.sn)),
      h('dt', {}, 'Status'),
      h(
        'dd',
        { id: 'device-online' },
        h('span', { class: device.online ? 'dot on' : 'dot' }),
        device.online ? 'Online' : 'Offline',
      ),
    );
    el('device').hidden = false;
    codeForm.hidden = true;
    if (device.bound)
      return showRefusal(el('refusal'), {
        code: 'device_already_bound',
        message: `Device ${device.sn} is already bound to an enterprise. An administrator of that enterprise must remove it before it can be bound again.`,
      });
    const c = resolved.choices;
    el('range-departments').replaceChildren(
      ...orNone(
        c.departments.map((d) => option('departments', d.id, d.name)),
        'No departments you can see.',
      ),
    );
    el('range-users').replaceChildren(
      ...orNone(
        c.users.map((u) => option('users', u.userid, u.name)),
        'Nobody you can see.',
      ),
    );
    el('apps').replaceChildren(
      ...orNone(
        c.apps.map((a) => option('apps', a.id, a.name, a.selectable ? null : `Not available to you: ${a.reason}`)),
        'The enterprise has no apps.',
      ),
    );
    choices.hidden = false;
  }

  async function resolve(t) {
    el('checking').hidden = false;
    el('refusal').hidden = true;
    const r = await api('POST', '/bind/resolve', t);
    el('checking').hidden = true;
    if (!r.ok) return showRefusal(el('refusal'), r.body.error);
    target = t;
    render(r.body);
  }

  const checked = (name) => [...choices.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

  choices.addEventListener('submit', async (e) => {
    e.preventDefault();
    el('confirm').disabled = true;
    el('refusal').hidden = true;
    // Listen before confirming, so the device's acknowledgement cannot slip past.
    await Promise.race([live, new Promise((r) => setTimeout(r, 3000))]);
    const r = await api('POST', '/bindings', {
      ...target,
      usableRange: { departments: checked('departments'), users: checked('users') },
      apps: checked('apps'),
    });
    if (!r.ok) {
      el('confirm').disabled = false;
      return showRefusal(el('refusal'), r.body.error);
    }
    bindingId = r.body.bindingId;
    for (const input of choices.querySelectorAll('input')) input.disabled = true;
    el('confirm').hidden = true;
    const now = await api('GET', `/devices/${encodeURIComponent(device.sn)}`);
    const current = now.ok && now.body.binding.id === bindingId ? now.body : null;
    show(seen.get(bindingId) ?? current?.binding.status ?? r.body.status, current ? current.online : device.online);
  });

  if (root.dataset.qr) resolve({ qr: root.dataset.qr });
  else {
    const sn = root.dataset.sn.toUpperCase();
    codeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      resolve({ sn, verifyCode: codeForm.elements.verifyCode.value.trim() });
    });
    // Typed on the add-device page and handed over in this tab's session storage.
    const key = `hwbind.verifyCode.${sn}`;
    const typed = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    if (typed) {
      codeForm.elements.verifyCode.value = typed;
      resolve({ sn, verifyCode: typed });
    }
  }
})();

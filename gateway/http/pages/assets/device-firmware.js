// The device page's firmware section: start an upgrade (POST /api/v1/devices/:sn/firmware/upgrade)
// and follow its job live (firmware events) until the device runs the new version.
(() => {
  const { api, h, showRefusal, events } = window.hw;
  const section = document.getElementById('firmware');
  if (!section) return;
  const sn = section.dataset.sn;
  const form = document.getElementById('fw-upgrade');
  const refusal = document.getElementById('fw-refusal');
  const STATES = JSON.parse(section.dataset.states);
  const ENDED = ['succeeded', 'failed', 'rolled_back', 'cancelled'];
  const current = document.getElementById('fw-job');
  let job = current?.dataset.job ? { id: current.dataset.job, ended: current.hasAttribute('data-ended') } : null;

  const left = (s) => (s === null ? '' : s < 60 ? ` · about ${s} s left` : ` · about ${Math.ceil(s / 60)} min left`);

  function show(view) {
    const box = document.getElementById('fw-job');
    box.hidden = false;
    box.dataset.job = view.id;
    box.dataset.state = view.state;
    box.toggleAttribute('data-ended', ENDED.includes(view.state));
    const bar = h('progress', {
      id: 'fw-progress',
      max: '100',
      value: String(view.percent),
      'aria-label': 'Firmware download',
    });
    const text = `${STATES[view.state]} ${view.version}${view.state === 'downloading' ? ` · ${view.percent}%${left(view.remainingS)}` : ''}`;
    box.replaceChildren(
      bar,
      h(
        'p',
        { id: 'fw-status', role: 'status' },
        text,
        view.code ? h('span', { class: 'meta' }, ` (${view.code})`) : null,
      ),
    );
    if (view.state === 'succeeded') {
      document.getElementById('fw-current').textContent = view.version;
      // Versions no newer than the one now running are no upgrade any more.
      for (const option of form?.querySelectorAll('option') ?? [])
        if (!newer(option.value, view.version)) option.remove();
      if (form && !form.querySelector('option')) form.remove();
    }
    if (form) form.hidden = !ENDED.includes(view.state) || !form.querySelector('option');
  }

  /** a > b in semantic-version order (pre-releases below their release). */
  function newer(a, b) {
    const parse = (v) => {
      const [core, pre] = v.split('-', 2);
      return { nums: core.split('.').map(Number), pre };
    };
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] > y.nums[i];
    if (!x.pre || !y.pre) return !x.pre && !!y.pre;
    return x.pre > y.pre;
  }

  form?.elements.version.addEventListener('change', () => {
    for (const notes of form.querySelectorAll('[data-notes]'))
      notes.hidden = notes.dataset.notes !== form.elements.version.value;
  });

  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    refusal.hidden = true;
    const button = document.getElementById('fw-upgrade-button');
    button.disabled = true;
    const r = await api('POST', `/devices/${encodeURIComponent(sn)}/firmware/upgrade`, {
      version: form.elements.version.value,
    });
    button.disabled = false;
    if (!r.ok) return showRefusal(refusal, r.body.error);
    follow(r.body.job);
  });

  function follow(next) {
    job = { id: next.id, ended: ENDED.includes(next.state) };
    show(next);
  }

  // The job shown, or once it ended, the device's next one (someone else may start it).
  events.addEventListener('firmware', (e) => {
    if (e.detail.sn !== sn || (job && e.detail.id !== job.id && !job.ended)) return;
    follow(e.detail);
  });
})();

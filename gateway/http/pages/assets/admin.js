// The administration page: the member-binding switch and the webhook (PUT /api/v1/corp/settings).
(() => {
  const { api, showRefusal } = window.hw;
  const refusal = document.getElementById('settings-refusal');

  async function save(body, result) {
    refusal.hidden = true;
    result.textContent = 'Saving…';
    const r = await api('PUT', '/corp/settings', body);
    if (!r.ok) {
      result.textContent = '';
      showRefusal(refusal, r.body.error);
      return null;
    }
    return r.body;
  }

  const toggle = document.getElementById('member-binding');
  const toggled = document.getElementById('member-binding-result');
  toggle?.addEventListener('change', async () => {
    toggle.disabled = true;
    const settings = await save({ memberBinding: toggle.checked }, toggled);
    toggle.disabled = false;
    if (!settings) {
      toggle.checked = !toggle.checked;
      return;
    }
    toggle.checked = settings.memberBinding;
    toggled.textContent = `Saved: member binding is ${settings.memberBinding ? 'on' : 'off'}.`;
  });

  const webhook = document.getElementById('webhook-form');
  const hooked = document.getElementById('webhook-result');
  webhook?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = webhook.elements;
    const settings = await save(
      {
        webhook: {
          url: f.url.value.trim(),
          secret: f.secret.value,
          allowedHosts: f.allowedHosts.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      },
      hooked,
    );
    if (settings) {
      f.secret.value = '';
      hooked.textContent = `Saved: notifications go to ${settings.webhook.url}.`;
    }
  });
  document.getElementById('webhook-remove')?.addEventListener('click', async () => {
    if (await save({ webhook: null }, hooked)) location.reload();
  });
})();

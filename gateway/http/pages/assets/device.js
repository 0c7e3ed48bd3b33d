// The device page: rename (PATCH), remove from the enterprise after a confirm step (DELETE), and a
// fresh page when the binding changes status.
(() => {
  const { api, h, showRefusal, say, events } = window.hw;
  const root = document.getElementById('device');
  if (!root) return;
  const sn = root.dataset.sn;
  const path = `/devices/${encodeURIComponent(sn)}`;
  const refusal = document.getElementById('device-refusal');

  const rename = document.getElementById('rename');
  const renamed = document.getElementById('rename-result');
  rename.addEventListener('submit', async (e) => {
    e.preventDefault();
    refusal.hidden = true;
    renamed.textContent = '';
    const r = await api('PATCH', path, { name: rename.elements.name.value });
    if (!r.ok) return showRefusal(refusal, r.body.error);
    document.getElementById('device-name').textContent = r.body.name;
    document.title = `${r.body.name} · hwbind`;
    rename.elements.name.placeholder = r.body.name;
    renamed.textContent = 'Saved.';
  });

  const remove = document.getElementById('remove');
  const confirmBox = document.getElementById('remove-confirm');
  remove?.addEventListener('click', () => {
    confirmBox.hidden = false;
    remove.hidden = true;
  });
  document.getElementById('remove-no')?.addEventListener('click', () => {
    confirmBox.hidden = true;
    remove.hidden = false;
  });
  let removing = false;
  document.getElementById('remove-yes')?.addEventListener('click', async (e) => {
    e.target.disabled = true;
    removing = true;
    refusal.hidden = true;
    const r = await api('DELETE', `${path}/binding`);
    if (!r.ok) {
      e.target.disabled = false;
      removing = false;
      return showRefusal(refusal, r.body.error);
    }
    say(confirmBox, 'success', 'Removed. The device forgets its binding.');
    location.assign('/hw/devices');
  });

  events.addEventListener('binding', (e) => {
    if (e.detail.sn !== sn || e.detail.status === root.dataset.status || removing) return;
    if (e.detail.status !== 'removed') return location.reload();
    for (const control of root.querySelectorAll('button, input')) control.disabled = true;
    say(
      refusal,
      'notice',
      'This device has just been removed from the enterprise. ',
      h('a', { href: '/hw/devices' }, 'Back to the devices'),
    );
  });
})();

// The inbox: mark everything read, and show new notifications as they arrive.
(() => {
  const { api, h, showRefusal, setBadge, events } = window.hw;
  const list = document.getElementById('inbox');
  const button = document.getElementById('mark-read');

  button.addEventListener('click', async () => {
    button.disabled = true;
    const r = await api('POST', '/me/notifications/read', {});
    if (!r.ok) {
      button.disabled = false;
      const box = h('div');
      list.before(box);
      return showRefusal(box, r.body.error);
    }
    for (const item of list.querySelectorAll('li.unread')) item.classList.remove('unread');
    setBadge(r.body.unread);
  });

  events.addEventListener('notification', (e) => {
    const n = e.detail;
    list.prepend(
      h(
        'li',
        { class: 'unread', 'data-id': n.id },
        h('a', { href: n.link }, n.text),
        h('span', { class: 'meta' }, 'just now'),
      ),
    );
    document.getElementById('inbox-empty').hidden = true;
    button.disabled = false;
  });
})();

// /admin/records: the filter form in the person's own time zone (the gateway takes Unix ms).
(() => {
  const form = document.getElementById('records-filter');
  if (!form) return;
  const local = (ms) => {
    const d = new Date(ms);
    return new Date(ms - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  for (const name of ['from', 'to']) {
    const input = form.elements[name];
    if (input.dataset.ms) input.value = local(Number(input.dataset.ms));
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    // A date and time without a zone is the browser's local time.
    for (const name of ['from', 'to']) {
      const value = form.elements[name].value;
      if (value) params.set(name, String(new Date(value).getTime()));
    }
    for (const name of ['userid', 'refused']) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    const query = params.toString();
    location.assign(query ? `/admin/records?${query}` : '/admin/records');
  });
})();

// The /admin page's firmware versions: retire one for the enterprise's devices, or offer it again
// (PUT /api/v1/firmware/:model/:version/retired).
(() => {
  const { api, showRefusal } = window.hw;
  const section = document.getElementById('firmware-catalog');
  if (!section) return;
  const refusal = document.getElementById('firmware-refusal');
  for (const button of section.querySelectorAll('.release-toggle')) {
    button.addEventListener('click', async () => {
      const row = button.closest('tr');
      const retired = button.dataset.retired !== 'true';
      button.disabled = true;
      refusal.hidden = true;
      const r = await api(
        'PUT',
        `/firmware/${encodeURIComponent(row.dataset.model)}/${encodeURIComponent(row.dataset.version)}/retired`,
        { retired },
      );
      button.disabled = false;
      if (!r.ok) return showRefusal(refusal, r.body.error);
      button.dataset.retired = String(r.body.retired);
      button.textContent = r.body.retired ? 'Offer again' : 'Retire';
      row.querySelector('.release-status').textContent = r.body.retired ? 'Retired for this enterprise' : 'Offered';
    });
  }
})();

// The /admin page's firmware section: every catalog version of the models of the enterprise's
// devices, and for each one a button that retires it for the enterprise's devices (or offers it
// again). A version retired everywhere (by the gateway's operator) stays retired.
import { decideCatalogAccess } from '../../binding/rules.js';
import { type Html, html, type PageContext, time } from './layout.js';

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;

export async function firmwareCatalogSection({ d, actor }: PageContext): Promise<Html> {
  if (!decideCatalogAccess(actor, await d.binding.corpView(actor.corpId)).ok) return html``;
  const releases = await d.catalog.forCorp(actor.corpId);
  return html`<section id="firmware-catalog">
  <h2>Firmware</h2>
  ${
    releases.length
      ? html`<table class="slots">
    <thead><tr><th>Model</th><th>Version</th><th>Size</th><th>Published</th><th>Status</th><th></th></tr></thead>
    <tbody>${releases.map(
      (r) => html`<tr data-model="${r.modelId}" data-version="${r.version}">
      <td>${r.modelId}</td><td>${r.version}</td><td>${sizeText(r.size)}</td><td>${time(r.publishedAt)}</td>
      <td class="release-status">${r.retiredAt !== null ? 'Retired everywhere' : r.retiredForCorp ? 'Retired for this enterprise' : 'Offered'}</td>
      <td>${
        r.retiredAt !== null
          ? ''
          : html`<button type="button" class="secondary release-toggle" data-retired="${r.retiredForCorp ? 'true' : 'false'}">${
              r.retiredForCorp ? 'Offer again' : 'Retire'
            }</button>`
      }</td>
    </tr>`,
    )}</tbody>
  </table>
  <p class="hint">A retired version is offered to none of the enterprise's devices; upgrades already running finish.</p>`
      : html`<p class="meta">No firmware has been published for the models of the enterprise's devices.</p>`
  }
  <div id="firmware-refusal" hidden></div>
</section>`;
}

// /hw/notifications: the person's inbox, newest first, with "mark all as read"; new ones arrive live.
import { html, type PageHandler, time } from './layout.js';

const SHOWN = 100;

export const notificationsPage: PageHandler = async (_req, { d, actor, viewer }) => {
  const list = await d.store.listNotifications(actor.corpId, actor.member.userid, { limit: SHOWN });
  return {
    title: 'Notifications',
    scripts: ['/assets/notifications.js'],
    body: html`<section class="card">
  <h1>Notifications</h1>
  <button type="button" id="mark-read"${viewer.unread ? '' : html` disabled`}>Mark all as read</button>
  <p class="empty" id="inbox-empty"${list.length ? html` hidden` : ''}>Nothing here yet.</p>
  <ul class="inbox" id="inbox">
${list.map(
  (n) => html`    <li class="${n.read ? '' : 'unread'}" data-id="${n.id}">
      <a href="${n.link}">${n.text}</a>
      <span class="meta">${time(n.createdAt)}</span>
    </li>
`,
)}  </ul>
</section>`,
  };
};

// The team on duty for an elder now (GET /api/v1/elders/{id}/on-duty, issue
// 16 part 3): her paired team when its rota says it is on duty, else another
// team of her community, and why — as a row of her facts. A server without
// the route (404) or a caller it refuses gets a line that says so.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const tel = (phone) => h('a', { href: 'tel:' + String(phone).replace(/[^\d+]/g, '') }, phone);

export async function dutyRow(e) {
  const label = t('elder.f.team');
  let d;
  try { d = await api(`/elders/${e.id}/on-duty`); } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [label, t('duty.missing')];
    if (err instanceof ApiError && err.status === 403) return [label, t('duty.forbidden')];
    throw err;
  }
  if (!d.team) return [label, h('span', { id: `duty-${e.id}`, dataset: { reason: d.reason } },
    t('duty.none'), d.her_team_id ? null : t('duty.unpaired_note'))];
  return [label, h('span', { id: `duty-${e.id}`, dataset: { reason: d.reason } },
    d.team.name, ' · ', tel(d.team.phone), ' ', t('duty.' + d.reason))];
}

// #/me/volunteer — 我的志愿服务: a signed-in volunteer on the phone
// (docs/volunteers.md, "the volunteer"): their volunteer number, teams and
// total confirmed hours (one decimal), their shifts with check-in and
// check-out by the code read at the place (js/volunteer_self_shifts.js), their
// records newest first with corrections and disputes
// (js/volunteer_self_records.js), their certificates and a request for one
// (js/volunteer_self_certs.js). Reads GET /me/volunteer (404: not a volunteer,
// said plainly), /me/volunteer/records, /me/volunteer/signups and
// /me/volunteer/certificates; after a check-in or check-out everything is
// read again (a check-out writes a record). Signed out: sign in and back.
// Works in the elder mode (one column, the app's 60 px targets). Data only as text.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { hoursOf, refusalText } from '../js/volunteer_self_words.js';
import { recordsSection } from '../js/volunteer_self_records.js';
import { shiftsSection } from '../js/volunteer_self_shifts.js';
import { certificatesSection } from '../js/volunteer_self_certs.js';

const SELF = '#/me/volunteer';

// An answer, or the error it failed with (each card says its own).
const settle = (p) => p.catch((e) => (e instanceof Error ? e : new Error(String(e))));

function summary(v, records) {
  const total = records instanceof Error ? null : Number(records?.total_minutes ?? 0);
  const teams = (v.teams || []).filter((x) => !x.left_at).map((x) => x.name);
  return h('section', { class: 'card vol-summary', 'aria-labelledby': 'vol-summary-title' },
    h('h2', { id: 'vol-summary-title', class: 'visually-hidden' }, t('vol.summary_title')),
    h('dl', { class: 'vol-summary-facts' },
      h('dt', {}, t('vol.name')), h('dd', { id: 'vol-name' }, v.name),
      h('dt', {}, t('vol.number')), h('dd', { id: 'vol-number', lang: 'en', class: 'vol-big' }, v.volunteer_no),
      h('dt', {}, t('vol.total_hours')),
      h('dd', { id: 'vol-total', class: 'vol-big' }, total === null ? '—' : t('vol.hours_value', { hours: hoursOf(total) })),
      h('dt', {}, t('vol.teams')), h('dd', { id: 'vol-teams' }, teams.length ? teams.join('、') : t('vol.teams_none'))),
    v.status === 'left' ? h('p', { class: 'note', id: 'vol-left' }, t('vol.status_left')) : null,
    h('p', { class: 'note' }, t('vol.hours_rule')));
}

export async function render(view) {
  view.classList.add('vol-mine');
  const user = await me();
  view.append(h('h1', {}, t('vol.heading')));
  if (!user) {
    view.append(h('p', {}, t('vol.sign_in_why')),
      h('p', {}, h('a', { class: 'button', id: 'vol-signin', href: '#/signin?next=' + encodeURIComponent(SELF) }, t('mine.sign_in'))));
    return;
  }
  let volunteer;
  try {
    volunteer = await api('/me/volunteer');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      view.append(h('p', { id: 'vol-none' }, t('vol.not_volunteer')), h('p', { class: 'note' }, t('vol.how_to_join')));
    } else {
      view.append(h('p', { class: 'error', role: 'alert', id: 'vol-problem' }, refusalText(err)));
    }
    return;
  }
  const status = h('p', { role: 'status', id: 'vol-status', tabindex: '-1' });
  const body = h('div', { id: 'vol-body' });
  view.append(status, body);

  const load = async () => {
    const [v, records, signups, certs] = await Promise.all([
      settle(api('/me/volunteer')), settle(api('/me/volunteer/records')),
      settle(api('/me/volunteer/signups')), settle(api('/me/volunteer/certificates'))]);
    if (!(v instanceof Error)) volunteer = v;
    const done = async (message) => {
      await load();
      status.textContent = message;
      status.focus();
    };
    body.replaceChildren(summary(volunteer, records),
      shiftsSection(signups, done),
      recordsSection(records, (message) => { status.textContent = message; }),
      certificatesSection(certs, volunteer));
  };
  await load();
}

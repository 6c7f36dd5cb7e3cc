// This month's activities (issue 18, service 8) on the district dashboard,
// for admins and department users (the API refuses everyone else): the dates held, the
// activities they belong to, sign-ups confirmed, attended, no-shows and the
// places filled (confirmed ÷ capacity, per mille from the server, shown as
// a percentage), counted by the server in one GET /api/v1/activity-counts
// (numbers only, no personal data).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';

export const ACTIVITY_FIGURES = ['occurrences', 'activities', 'confirmed', 'attended', 'no_shows', 'filled_permille'];

// Who may read the counts (the server's rule): admins and department users.
export const mayCountActivities = (user) => Boolean(user) && ['admin', 'department'].includes(user.role);

// ‰ → "85.5%".
export const permilleText = (n) => `${(Number(n ?? 0) / 10).toFixed(1)}%`;

// Appends the section to `view` when `user` may read it.
export async function activitySection(view, user) {
  if (!mayCountActivities(user)) return;
  const month = districtDate().slice(0, 7);
  const section = h('section', { class: 'card', 'aria-labelledby': 'activities-title' },
    h('h2', { id: 'activities-title' }, t('actdesk.dash_heading', { month })));
  view.append(section);
  let counts;
  try {
    counts = await api('/activity-counts', { query: { month } });
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) { section.remove(); return; }  // a role the counts are not for
    // One panel's failure, a refusal or the network, leaves the rest of the dashboard standing.
    section.append(h('p', { class: 'error', id: 'activities-unavailable' },
      err instanceof ApiError ? t('actdesk.dash_unavailable', { detail: err.message }) : t('common.offline')));
    return;
  }
  section.append(h('table', { id: 'activities-table' },
    h('tbody', {}, ACTIVITY_FIGURES.map((key) => h('tr', { dataset: { figure: key } },
      h('th', { scope: 'row' }, t('actdesk.dash.' + key)),
      h('td', { class: 'num', id: `activities-${key.replace(/_/g, '-')}` },
        key === 'filled_permille' ? permilleText(counts[key]) : String(counts[key] ?? 0)))))),
  h('p', { class: 'note' }, t('actdesk.dash_note')),
  h('p', {}, h('a', { href: '#/staff/activities', id: 'activities-desk-link' }, t('actdesk.dash_desk'))));
}

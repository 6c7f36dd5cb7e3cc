// The job posts' figures on the district dashboard (issue 18), for admins and
// department users only (the API refuses everyone else): posts live now,
// posts waiting for review, posts published this month (district month) and
// complaints open, counted by the server in one GET /api/v1/job-counts
// (numbers only, no personal data); the review queue and the complaints are
// a link away (screens/job_reviews.js, job_complaints.js).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { mayCountMeals } from './dash_meals.js';

const FIGURES = [
  ['live', null], ['pending_review', '#/staff/job-reviews'], ['published_this_month', null], ['complaints_open', '#/staff/job-complaints'],
];

// Appends the section to `view` when `user` may read it (the same callers as the meal figures).
export async function jobSection(view, user) {
  if (!mayCountMeals(user)) return;
  const section = h('section', { class: 'card', 'aria-labelledby': 'jobs-title' }, h('h2', { id: 'jobs-title' }, t('jobdesk.dash_heading')));
  view.append(section);
  let counts;
  try {
    counts = await api('/job-counts');
  } catch (err) {
    // One panel's failure, a refusal or the network, leaves the rest of the dashboard standing.
    section.append(h('p', { class: 'error', id: 'jobs-unavailable' },
      err instanceof ApiError ? t('jobdesk.dash_unavailable', { detail: err.message }) : t('common.offline')));
    return;
  }
  section.append(h('table', { id: 'jobs-table' },
    h('tbody', {}, FIGURES.map(([key, href]) => h('tr', { dataset: { figure: key } },
      h('th', { scope: 'row' }, href ? h('a', { href }, t('jobdesk.dash.' + key)) : t('jobdesk.dash.' + key)),
      h('td', { class: 'num', id: `jobs-${key.replace(/_/g, '-')}` }, String(counts[key] ?? 0)))))),
  h('p', { class: 'note' }, t('jobdesk.dash_note')));
}

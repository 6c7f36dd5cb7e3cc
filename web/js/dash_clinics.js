// This month's free clinics (社区义诊, docs/clinics.md "Counts") on the
// district dashboard, for admins and department users (the API refuses
// everyone else): 义诊名额使用 — the places used of the places of the month's
// clinic slots held so far (per mille from the server, shown as a
// percentage), with the sessions, slots and attended beside it, from one
// GET /api/v1/clinic-counts (numbers only, no personal data).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { mayCountClinics, permilleText } from './clinic_model.js';

export const CLINIC_FIGURES = ['sessions', 'slots', 'places', 'places_used', 'attended'];

// Appends the section to `view` when `user` may read it.
export async function clinicSection(view, user) {
  if (!mayCountClinics(user)) return;
  const month = districtDate().slice(0, 7);
  const section = h('section', { class: 'card', 'aria-labelledby': 'clinics-title' },
    h('h2', { id: 'clinics-title' }, t('clinicdesk.dash_heading', { month })));
  view.append(section);
  let counts;
  try {
    counts = await api('/clinic-counts', { query: { month } });
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) { section.remove(); return; }  // a role the counts are not for
    // One panel's failure leaves the rest of the dashboard standing.
    section.append(h('p', { class: 'error', id: 'clinics-unavailable' },
      err instanceof ApiError ? t('clinicdesk.dash_unavailable', { detail: err.message }) : t('common.offline')));
    return;
  }
  section.append(
    h('p', { class: 'big', id: 'clinics-used' }, t('clinicdesk.dash_used', {
      used: counts.places_used ?? 0, places: counts.places ?? 0, percent: permilleText(counts.used_permille) })),
    h('table', { id: 'clinics-table' },
      h('tbody', {}, CLINIC_FIGURES.map((key) => h('tr', { dataset: { figure: key } },
        h('th', { scope: 'row' }, t('clinicdesk.dash.' + key)),
        h('td', { class: 'num', id: `clinics-${key.replace(/_/g, '-')}` }, String(counts[key] ?? 0)))),
      h('tr', { dataset: { figure: 'used_permille' } }, h('th', { scope: 'row' }, t('clinicdesk.dash.used_permille')),
        h('td', { class: 'num', id: 'clinics-used-permille' }, permilleText(counts.used_permille))))),
    h('p', { class: 'note' }, t('clinicdesk.dash_note')),
    h('p', {}, h('a', { href: '#/clinic-desk', id: 'clinics-desk-link' }, t('clinicdesk.dash_desk'))));
}

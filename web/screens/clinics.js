// #/clinics — 社区义诊 (docs/clinics.md, "Screens"): the free clinics of the
// next two weeks (GET /clinic-sessions?from=today&days=14), each with its
// title (a link to the session's page, screens/clinic.js), its date and
// hours in words, its place, its departments and the places still free (or
// 已取消). Free: a clinic sells nothing, said once at the top. Data is text
// only (dom.js h()).
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { dayWords, problemText } from '../js/activities_model.js';
import { districtDay, LIST_DAYS, placesLeft, sessionSpan } from '../js/clinic_model.js';

export function sessionWhere(a) {
  return a.venue ? a.venue.name : a.address;
}

function sessionRow(s) {
  const a = s.activity;
  const span = sessionSpan(s);
  const cancelled = a.status === 'cancelled';
  const left = placesLeft(s);
  return h('li', { class: 'result clinic-row', dataset: { id: a.id, status: a.status } },
    h('a', { class: 'result-name clinic-title', href: `#/clinics/${a.id}` }, a.title),
    h('p', { class: 'clinic-when' }, t('clinic.when', { day: dayWords(span.date), from: span.from, to: span.to })),
    h('p', { class: 'clinic-where' }, sessionWhere(a) || ''),
    h('p', { class: 'clinic-departments' }, t('clinic.departments_of', { list: (s.departments || []).join('、') })),
    h('p', { class: 'clinic-places' }, cancelled ? h('span', { class: 'badge' }, t('clinic.cancelled'))
      : left > 0 ? t('clinic.places_left', { n: left }) : h('span', { class: 'badge' }, t('clinic.places_none'))));
}

export async function render(view) {
  view.classList.add('clinics');
  view.append(h('h1', {}, t('clinic.heading')), h('p', {}, t('clinic.intro')),
    h('p', { class: 'free-note', id: 'clinic-free' }, t('clinic.free_note')));
  const results = h('section', { 'aria-labelledby': 'clinic-list-title' },
    h('h2', { id: 'clinic-list-title' }, t('clinic.list_heading', { days: LIST_DAYS })));
  view.append(results);
  let body;
  try {
    body = await api('/clinic-sessions', { query: { from: districtDay(), days: LIST_DAYS } });
  } catch (e) {
    results.append(h('p', { class: 'error', role: 'alert', id: 'clinic-problem' }, problemText(e)));
    return;
  }
  const items = body.items || [];
  if (!items.length) {
    results.append(h('p', { class: 'big', role: 'status', id: 'clinic-empty' }, t('clinic.empty')));
    return;
  }
  results.append(h('p', { role: 'status', id: 'clinic-count' }, t('clinic.count', { n: items.length })),
    h('ol', { class: 'result-list', id: 'clinic-list' }, items.map(sessionRow)));
}

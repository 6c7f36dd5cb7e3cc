// #/activities/:id — one activity (GET /activities/{id}): who organises it,
// where (a venue links to its facility page #/f/{id}; or an address), the
// community, age limits, places per date, the series in words (每周二，…起，
// 至 …), the description, and its dates from 30 days ago to six months
// ahead, each a link to its date's page with the places or 已取消. A
// cancelled activity says so with its note. Data is text only (dom.js h()).
import { api } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { ageWords, placesWords, problemText, seriesWords, startWords, whenWords } from '../js/activities_model.js';
import { readAloudButton, stopReading } from '../js/read_aloud.js';

const ACT_SPOKEN = 'h1, .act-facts dt, .act-facts dd, .act-cancelled, #act-description p';

export function actBack() {
  return h('button', { type: 'button', class: 'back secondary', onclick: () => {
    if (history.length > 1) history.back(); else location.hash = '#/activities';
  } }, '‹ ' + t('act.back'));
}

// The facts of an activity as a <dl class="act-facts">.
export function activityFacts(a) {
  const age = ageWords(a);
  return h('dl', { class: 'facts act-facts' },
    h('dt', {}, t('act.organiser')), h('dd', { id: 'act-organiser' }, a.organiser?.name),
    h('dt', {}, t('act.venue')), h('dd', { id: 'act-venue' },
      a.venue ? [h('a', { href: `#/f/${a.venue.id}`, id: 'act-venue-link' }, a.venue.name), a.venue.address ? ` (${a.venue.address})` : '']
        : a.address),
    a.community && [h('dt', {}, t('act.community_label')), h('dd', {}, a.community.name)],
    age && [h('dt', {}, t('act.age')), h('dd', { id: 'act-age' }, age)],
    h('dt', {}, t('act.capacity')), h('dd', {}, t('act.capacity_n', { n: a.capacity })),
    h('dt', {}, t('act.series_label')), h('dd', { id: 'act-series' }, seriesWords(a), h('br'), startWords(a.start_time, a.duration_minutes)));
}

export function cancelledNote(a) {
  if (a.status !== 'cancelled') return null;
  return h('p', { class: 'error big act-cancelled', id: 'act-cancelled', role: 'status' }, t('act.cancelled'),
    a.cancel_note ? h('br') : '', a.cancel_note ? t('act.cancelled_note', { note: a.cancel_note }) : '');
}

function dateRow(o) {
  return h('li', { class: 'result act-date', dataset: { id: o.id, status: o.status } },
    h('a', { class: 'result-name', href: `#/activities/o/${o.id}` }, whenWords(o.starts_at, o.ends_at)),
    h('p', { class: o.status === 'cancelled' ? 'act-places' : 'act-places' }, placesWords(o),
      o.status === 'cancelled' && o.cancel_note ? ` ${t('act.cancelled_note', { note: o.cancel_note })}` : ''));
}

export async function render(view, { id }) {
  let body;
  try {
    body = await api(`/activities/${encodeURIComponent(id)}`);
  } catch (e) {
    view.append(actBack(), h('h1', {}, t('act.activity')), h('p', { class: 'error big', role: 'alert', id: 'act-problem' }, problemText(e)),
      h('a', { class: 'button secondary', href: '#/activities' }, t('act.to_list')));
    return undefined;
  }
  const a = body.activity;
  view.classList.add('activity');
  fill(view, actBack(), h('h1', {}, a.title),
    a.kind === 'job_fair' && h('p', {}, h('span', { class: 'badge' }, t('act.kind.job_fair'))),
    cancelledNote(a), activityFacts(a));
  const read = readAloudButton(view, ACT_SPOKEN, t('act.read_aloud'));
  if (read) view.append(read);
  if (a.description) {
    view.append(h('section', { class: 'card', id: 'act-description', 'aria-labelledby': 'act-description-title' },
      h('h2', { id: 'act-description-title' }, t('act.description')),
      String(a.description).split(/\n+/).filter((x) => x.trim()).map((line) => h('p', {}, line))));
  }
  const dates = body.occurrences || [];
  view.append(h('section', { class: 'card', 'aria-labelledby': 'act-dates-title' },
    h('h2', { id: 'act-dates-title' }, t('act.dates')),
    dates.length ? h('ol', { class: 'result-list', id: 'act-dates' }, dates.map(dateRow)) : h('p', { id: 'act-dates-none' }, t('act.dates_none'))));
  return stopReading;
}

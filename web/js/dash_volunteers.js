// The month's volunteer service (志愿服务, docs/volunteers.md "Counts") on the
// district dashboard, for everyone (the route is public: numbers and team
// names only, never a person): per team its rank by confirmed hours, its
// active volunteers, the hours and its outcomes; per community the hours and
// outcomes; the kinds' names and units as the answer gives them; a month
// chosen with a month box, read again from GET /api/v1/volunteer-counts.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDate } from './format.js';
import { countRows, hoursDecimal } from './volunteer_desk_model.js';

const quantity = (outcomes, code) => String(outcomes?.[code] ?? 0);

function tables(counts) {
  const { kinds, teams, communities, total } = countRows(counts);
  const kindHeads = kinds.map((k) => h('th', { scope: 'col', class: 'num', dataset: { kind: k.code } }, t('vdash.kind', { name: k.name, unit: k.unit })));
  return [
    h('p', { class: 'big', id: 'vdash-summary' }, t('vdash.summary', { teams: teams.length, hours: hoursDecimal(total) })),
    h('h3', { id: 'vdash-teams-title' }, t('vdash.teams')),
    // Focusable: a table wider than the screen (elder mode) scrolls by the keyboard too.
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'vdash-teams-title' },
      h('table', { id: 'vdash-teams', 'aria-labelledby': 'vdash-teams-title' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('vdash.rank')), h('th', { scope: 'col' }, t('vdash.team')),
        h('th', { scope: 'col', class: 'num' }, t('vdash.volunteers')), h('th', { scope: 'col', class: 'num' }, t('vdash.hours')), kindHeads)),
      h('tbody', {}, teams.map((x) => h('tr', { dataset: { team: x.id } },
        h('td', { class: 'num', dataset: { figure: 'rank' } }, String(x.rank ?? '')),
        h('th', { scope: 'row' }, x.name),
        h('td', { class: 'num', dataset: { figure: 'volunteers' } }, String(x.volunteers ?? 0)),
        h('td', { class: 'num', dataset: { figure: 'hours', minutes: x.minutes ?? 0 } }, hoursDecimal(x.minutes)),
        kinds.map((k) => h('td', { class: 'num', dataset: { kind: k.code } }, quantity(x.outcomes, k.code)))))))),
    teams.length ? null : h('p', { class: 'note', id: 'vdash-teams-none' }, t('vdash.none')),
    h('h3', { id: 'vdash-communities-title' }, t('vdash.communities')),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'vdash-communities-title' },
      h('table', { id: 'vdash-communities', 'aria-labelledby': 'vdash-communities-title' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('vdash.community')), h('th', { scope: 'col', class: 'num' }, t('vdash.hours')),
        kinds.map((k) => h('th', { scope: 'col', class: 'num', dataset: { kind: k.code } }, t('vdash.kind', { name: k.name, unit: k.unit }))))),
      h('tbody', {}, communities.map((c) => h('tr', { dataset: { community: c.id } },
        h('th', { scope: 'row' }, c.name),
        h('td', { class: 'num', dataset: { figure: 'hours', minutes: c.minutes ?? 0 } }, hoursDecimal(c.minutes)),
        kinds.map((k) => h('td', { class: 'num', dataset: { kind: k.code } }, quantity(c.outcomes, k.code)))))))),
    communities.length ? null : h('p', { class: 'note', id: 'vdash-communities-none' }, t('vdash.none')),
    h('p', { class: 'note' }, t('vdash.note')),
  ];
}

// Appends the section to `view` (everyone may read it).
export async function volunteerSection(view) {
  const month = h('input', { type: 'month', id: 'vdash-month', max: districtDate().slice(0, 7) });
  month.value = districtDate().slice(0, 7);
  const body = h('div', { id: 'vdash-body', 'aria-live': 'polite' });
  const section = h('section', { class: 'card', id: 'volunteers-dash', 'aria-labelledby': 'volunteers-title' },
    h('h2', { id: 'volunteers-title' }, t('vdash.heading')),
    h('p', {}, h('label', { for: 'vdash-month' }, t('vdash.month')), ' ', month), body);
  view.append(section);
  const draw = async () => {
    const wanted = month.value;
    if (!/^\d{4}-\d{2}$/.test(wanted)) return;
    section.dataset.month = '';
    let counts;
    try {
      counts = await api('/volunteer-counts', { query: { month: wanted } });
    } catch (err) {
      // One panel's failure leaves the rest of the dashboard standing.
      body.replaceChildren(h('p', { class: 'error', id: 'vdash-unavailable' },
        err instanceof ApiError ? t('vdash.unavailable', { detail: err.message }) : t('common.offline')));
      section.dataset.month = wanted;
      return;
    }
    if (month.value !== wanted) return;  // another month was chosen meanwhile
    body.replaceChildren(...tables(counts).filter(Boolean));
    section.dataset.month = counts.month || wanted;
  };
  month.addEventListener('change', draw);
  month.addEventListener('input', draw);
  await draw();
}

// #/staff/volunteer-shifts?org=&occ= — volunteer shifts and the hours ledger
// for organiser staff (docs/volunteers.md "Shifts", "Outcomes", "The hours
// ledger"): the organiser chosen (GET /activity-organisers; a select when
// several), its activity dates from a week ago to six weeks ahead (GET
// /activity-occurrences?organiser_org_id=), the chosen date's shifts with
// 新建岗位 and its outcomes (js/volunteer_desk_occurrence.js), the shifts of
// the teams that belong to the organiser (GET /volunteer-teams, their
// parent; js/volunteer_desk_team_shifts.js, with 取消岗位), then the
// organiser's records to confirm and disputes to answer
// (js/volunteer_desk_ledger.js). #/staff/volunteer-shifts/{id} — one shift:
// the check-in code large, the leader's list (js/volunteer_desk_shift.js).
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { districtDate } from '../js/format.js';
import { signInForm } from '../js/signin.js';
import { addDays } from '../js/volunteer_desk_model.js';
import { itemsOf, refusalText } from '../js/volunteer_desk_words.js';
import { outcomesCard, shiftForm, shiftsList } from '../js/volunteer_desk_occurrence.js';
import { disputesCard, recordsCard } from '../js/volunteer_desk_ledger.js';
import { shiftPage } from '../js/volunteer_desk_shift.js';
import { teamShiftsCard } from '../js/volunteer_desk_team_shifts.js';

const occWhen = (o) => `${o.date || String(o.starts_at).slice(0, 10)} ${String(o.starts_at).slice(11, 16)}–${String(o.ends_at).slice(11, 16)}`;

// One occurrence's part: its shifts, the new shift's form, the outcomes.
async function occurrencePart(box, occ, orgId) {
  const teams = itemsOf(await api('/volunteer-teams').catch(() => ({ items: [] })));
  const listBox = h('div', { id: 'vshift-list-box' });
  const formBox = h('div', { id: 'vshift-form-box' });
  const made = h('div', { id: 'vshift-made', tabindex: '-1' });
  const newButton = h('button', { type: 'button', id: 'vshift-new' }, t('vshift.new.open'));
  const drawList = async () => listBox.replaceChildren(await shiftsList(occ.id));
  newButton.addEventListener('click', () => {
    formBox.replaceChildren(shiftForm(occ, teams, async (shift) => {
      formBox.replaceChildren();
      // The code at once, large, to read out or to show at the place.
      made.replaceChildren(h('p', { role: 'status' }, t('vshift.new.made', { title: shift.title })),
        h('p', {}, t('vshift.code_heading')), h('p', { class: 'code-big', id: 'vshift-made-code', lang: 'en' }, shift.code || ''),
        h('p', {}, h('a', { class: 'button', href: `#/staff/volunteer-shifts/${shift.id}`, id: 'vshift-made-open' }, t('vshift.open_list'))));
      made.focus();
      await drawList();
    }, () => { formBox.replaceChildren(); newButton.focus(); }));
    formBox.querySelector('h3').focus();
  });
  const title = occ.activity?.title || occ.title || '';
  box.append(h('section', { class: 'card', id: 'vshift-occ', dataset: { id: occ.id }, 'aria-labelledby': 'vshift-occ-title' },
    h('h2', { id: 'vshift-occ-title' }, t('vshift.occ_heading', { title, when: occWhen(occ) })),
    occ.status === 'cancelled' ? h('p', { class: 'error' }, t('vshift.occ_cancelled')) : null,
    listBox, made, h('p', {}, newButton), formBox),
  await outcomesCard(occ.id, teams));
  await drawList();
  if (orgId) box.dataset.org = orgId;
}

async function home(view, user, query) {
  let organisers;
  try {
    organisers = itemsOf(await api('/activity-organisers'));
  } catch (err) {
    view.append(h('p', { class: 'error', role: 'alert', id: 'vshift-forbidden' }, err.status === 403 ? t('vshift.forbidden') : refusalText(err)));
    return;
  }
  if (!organisers.length) {
    view.append(h('p', { class: 'error', role: 'alert', id: 'vshift-forbidden' }, t('vshift.forbidden')));
    return;
  }
  let occ = null;
  const occId = Number(query?.get('occ'));
  if (occId) occ = await api(`/activity-occurrences/${occId}`).catch(() => null);
  const wanted = Number(query?.get('org')) || occ?.activity?.organiser?.id;
  const org = organisers.find((o) => o.id === wanted) || organisers[0];
  if (organisers.length > 1) {
    const choose = h('select', { id: 'vshift-org' }, organisers.map((o) => h('option', { value: o.id, selected: o.id === org.id }, o.name)));
    choose.addEventListener('change', () => { location.hash = `#/staff/volunteer-shifts?org=${choose.value}`; });
    view.append(h('p', {}, h('label', { for: 'vshift-org' }, t('vshift.organiser')), ' ', choose));
  } else {
    view.append(h('p', { id: 'vshift-org-name' }, t('vshift.organiser_one', { name: org.name })));
  }
  const today = districtDate();
  const dates = h('ul', { class: 'plain vshift-dates', id: 'vshift-dates' });
  try {
    const items = itemsOf(await api('/activity-occurrences', { query: { organiser_org_id: org.id, from: addDays(today, -7), days: 45, limit: 100 } }));
    for (const o of items) {
      const current = occ && o.id === occ.id;
      dates.append(h('li', { dataset: { id: o.id } }, h('a', { href: `#/staff/volunteer-shifts?org=${org.id}&occ=${o.id}`, id: `vshift-occ-${o.id}`,
        'aria-current': current ? 'true' : null }, `${occWhen(o)} ${o.title || ''}`), o.status === 'cancelled' ? ` (${t('vshift.cancelled')})` : ''));
    }
    if (!items.length) dates.append(h('li', { id: 'vshift-dates-none' }, t('vshift.dates_none')));
  } catch (err) {
    dates.append(h('li', { class: 'error' }, refusalText(err)));
  }
  view.append(h('section', { class: 'card', 'aria-labelledby': 'vshift-dates-title' },
    h('h2', { id: 'vshift-dates-title' }, t('vshift.dates')), h('p', { class: 'note' }, t('vshift.dates_note')), dates));
  if (occ) await occurrencePart(view, occ, org.id);
  const teams = itemsOf(await api('/volunteer-teams').catch(() => ({ items: [] }))).filter((x) => x.parent?.id === org.id);
  view.append(...await Promise.all(teams.map((team) => teamShiftsCard(team, organisers))));
  view.append(await recordsCard(org.id), await disputesCard(org.id));
}

export async function render(view, params, query) {
  const user = await me();
  view.classList.add('vshift');
  view.append(h('p', {}, h('a', { href: params.id ? '#/staff/volunteer-shifts' : '#/staff', class: 'back' },
    '‹ ' + t(params.id ? 'vshift.back_desk' : 'vdesk.back'))), h('h1', {}, t('vshift.heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  if (user.role === 'resident') {
    view.append(h('p', { class: 'error', role: 'alert', id: 'vshift-forbidden' }, t('vdesk.resident')));
    return;
  }
  if (params.id) await shiftPage(view, params.id);
  else {
    view.append(h('p', {}, h('a', { href: '#/staff/volunteers', id: 'vshift-to-desk' }, t('vshift.to_desk'))));
    await home(view, user, query);
  }
  view.dataset.ready = '1';
}

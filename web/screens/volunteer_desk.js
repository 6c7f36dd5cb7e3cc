// #/staff/volunteers?team= — the volunteer team's desk (志愿服务队,
// docs/volunteers.md) for team admins: the staff who are members of a
// volunteer_team organisation (their teams from /me's organisations) and
// admins (every team, GET /volunteer-teams). The team chosen (a select when
// several), its certificate facts (js/volunteer_desk_certs.js), the roster
// (GET /volunteers?team_id=&q=&status=, audited by the server) with search,
// 登记志愿者 and 修改 (js/volunteer_desk_form.js), 离队 (asked once more), per
// volunteer their certificates, issue and reissue; the open certificate
// requests answered; the team's shifts, cancelled by the staff who organise
// them (js/volunteer_desk_team_shifts.js).
// The shifts and the hours ledger are the organisers' desk
// (#/staff/volunteer-shifts, screens/volunteer_shifts.js). Data only as text.
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { volunteerForm } from '../js/volunteer_desk_form.js';
import { certificatesBox, requestsCard, teamFactsCard } from '../js/volunteer_desk_certs.js';
import { teamShiftsCard } from '../js/volunteer_desk_team_shifts.js';
import { itemsOf, minutesText, once, refusalText, say, statusLine } from '../js/volunteer_desk_words.js';

// The teams this user keeps: an admin's are all; a member's are their volunteer_team organisations.
async function myTeams(user) {
  const all = itemsOf(await api('/volunteer-teams').catch(() => ({ items: [] })));
  if (user.role === 'admin') return all;
  if (user.role === 'resident') return [];
  const mine = (user.organisations || []).filter((o) => o.kind === 'volunteer_team');
  return mine.map((o) => all.find((x) => x.id === o.id) || { id: o.id, name: o.name });
}

// 离队 with a confirm step: DELETE /volunteers/{id}/teams/{team} (the membership keeps its dates).
function leaveButtons(v, teamId, onLeft) {
  const sure = h('button', { type: 'button', class: 'danger', id: `vdesk-leave-confirm-${v.id}` }, t('vdesk.roster.leave_confirm', { name: v.name }));
  const confirm = h('span', { hidden: true }, sure);
  const ask = h('button', { type: 'button', class: 'secondary', id: `vdesk-leave-${v.id}`, 'aria-expanded': 'false' }, t('vdesk.roster.leave'));
  ask.addEventListener('click', () => {
    confirm.hidden = !confirm.hidden;
    ask.setAttribute('aria-expanded', String(!confirm.hidden));
    if (!confirm.hidden) sure.focus();
  });
  sure.addEventListener('click', () => once(sure, async () => {
    try {
      await api(`/volunteers/${v.id}/teams/${teamId}`, { method: 'DELETE' });
      await onLeft(t('vdesk.saved.left', { name: v.name }), false);
    } catch (err) {
      await onLeft(refusalText(err), true);
    }
  }));
  return [ask, ' ', confirm];
}

// One roster entry: number, name, age, phone, ID, skills, insurance, state; 修改, 证明 and 离队.
function volunteerItem(v, { onEdit, onLeft, teamId }) {
  const certs = h('div', { class: 'vdesk-cert-slot' });
  const edit = h('button', { type: 'button', class: 'secondary', id: `vdesk-edit-${v.id}` }, t('vdesk.roster.edit'));
  edit.addEventListener('click', () => onEdit(v));
  const show = h('button', { type: 'button', class: 'secondary', id: `vdesk-certs-open-${v.id}`, 'aria-expanded': 'false' }, t('vdesk.roster.certs'));
  show.addEventListener('click', async () => {
    if (certs.firstChild) { certs.replaceChildren(); show.setAttribute('aria-expanded', 'false'); return; }
    show.disabled = true;
    certs.replaceChildren(await certificatesBox(v, teamId));
    show.disabled = false;
    show.setAttribute('aria-expanded', 'true');
  });
  const facts = [
    v.age !== undefined && v.age !== null ? t('vdesk.roster.age', { age: v.age }) : null,
    v.gender ? t('vdesk.gender.' + v.gender) : null,
    v.phone,
    v.id_number ? `${t('vdesk.id_type.' + (v.id_type || 'other'))} ${v.id_number}` : null,
  ].filter(Boolean).join(' · ');
  const badges = [
    v.status === 'left' ? t('vdesk.status.left') : null,
    v.minor ? t('vdesk.roster.minor') : null,
    v.insured_today ? t('vdesk.roster.insured', { until: v.insurance_until }) : t('vdesk.roster.uninsured'),
    v.public_name ? t('vdesk.roster.public') : null,
  ].filter(Boolean);
  return h('li', { class: 'card vdesk-volunteer', id: `vdesk-v-${v.id}`, dataset: { id: v.id, no: v.volunteer_no || '', status: v.status || 'active' } },
    h('h3', {}, v.name, ' ', h('span', { class: 'note' }, v.volunteer_no || '')),
    h('p', { class: 'vdesk-facts' }, facts),
    (v.skills || []).length ? h('p', { class: 'vdesk-skills' }, t('vdesk.roster.skills', { skills: v.skills.join('、') })) : null,
    (v.trainings || []).length ? h('p', {}, t('vdesk.roster.trainings', { list: v.trainings.map((x) => `${x.name}（${x.completed_on}）`).join('、') })) : null,
    v.hours_minutes !== undefined ? h('p', {}, minutesText(v.hours_minutes)) : null,
    h('p', {}, badges.map((b) => [h('span', { class: 'badge' }, b), ' '])),
    h('p', { class: 'buttons' }, edit, ' ', show, ' ', leaveButtons(v, teamId, onLeft)), certs);
}

async function teamPart(box, team) {
  const line = statusLine('vdesk-status');
  const formBox = h('div', { id: 'vdesk-form-box' });
  const list = h('ul', { class: 'plain', id: 'vdesk-roster' });
  const q = h('input', { type: 'search', id: 'vdesk-q', placeholder: t('vdesk.roster.search_hint') });
  const status = h('select', { id: 'vdesk-status-filter' },
    ['active', 'left', ''].map((s) => h('option', { value: s }, t('vdesk.roster.filter.' + (s || 'all')))));
  const search = h('form', { id: 'vdesk-search', role: 'search' },
    h('label', { for: 'vdesk-q' }, t('vdesk.roster.search')), ' ', q, ' ',
    h('label', { for: 'vdesk-status-filter' }, t('vdesk.roster.state')), ' ', status, ' ',
    h('button', { type: 'submit', id: 'vdesk-search-go' }, t('vdesk.roster.search_go')));
  const count = h('p', { class: 'note', id: 'vdesk-count', 'aria-live': 'polite' });
  const newButton = h('button', { type: 'button', id: 'vdesk-new' }, t('vdesk.new'));

  const openForm = (view) => {
    formBox.replaceChildren(volunteerForm({ teamId: team.id, view,
      onDone: async (saved, how) => {
        formBox.replaceChildren();
        say(line, t('vdesk.saved.' + how, { name: saved.name || '', no: saved.volunteer_no || '' }));
        line.focus();
        await draw();
      },
      onCancel: () => { formBox.replaceChildren(); newButton.focus(); } }));
    formBox.querySelector('h2').focus();
  };
  const onLeft = async (message, bad) => {
    say(line, message, bad);
    if (!bad) await draw();
    line.focus();
  };
  const draw = async () => {
    let items;
    try {
      items = itemsOf(await api('/volunteers', { query: { team_id: team.id, q: q.value.trim(), status: status.value } }));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error', role: 'alert', id: 'vdesk-roster-problem' }, refusalText(err)));
      return;
    }
    list.replaceChildren(...items.map((v) => volunteerItem(v, { onEdit: openForm, onLeft, teamId: team.id })));
    if (!items.length) list.append(h('li', { id: 'vdesk-none' }, q.value.trim() ? t('vdesk.roster.no_match') : t('vdesk.roster.none')));
    count.textContent = t('vdesk.roster.count', { n: items.length });
  };
  search.addEventListener('submit', (ev) => { ev.preventDefault(); draw(); });
  status.addEventListener('change', draw);
  newButton.addEventListener('click', () => openForm(null));
  box.append(teamFactsCard(team),
    h('section', { class: 'card', 'aria-labelledby': 'vdesk-roster-title' },
      h('h2', { id: 'vdesk-roster-title' }, t('vdesk.roster.heading', { team: team.name })),
      h('p', { class: 'note' }, t('vdesk.roster.audited')),
      h('p', {}, newButton), formBox, line, search, count, list),
    await requestsCard(team.id),
    await teamShiftsCard(team));
  await draw();
}

export async function render(view, params, query) {
  const user = await me();
  view.classList.add('vdesk');
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('vdesk.back'))), h('h1', {}, t('vdesk.heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  const teams = await myTeams(user);
  view.append(h('p', {}, h('a', { href: '#/staff/volunteer-shifts', id: 'vdesk-to-shifts' }, t('vdesk.to_shifts'))));
  if (!teams.length) {
    view.append(h('p', { class: 'error', role: 'alert', id: 'vdesk-no-team' }, t(user.role === 'resident' ? 'vdesk.resident' : 'vdesk.no_team')));
    view.dataset.ready = '1';
    return;
  }
  const wanted = Number(query?.get('team'));
  const team = teams.find((x) => x.id === wanted) || teams[0];
  if (teams.length > 1) {
    const choose = h('select', { id: 'vdesk-team' }, teams.map((x) => h('option', { value: x.id, selected: x.id === team.id }, x.name)));
    choose.addEventListener('change', () => { location.hash = `#/staff/volunteers?team=${choose.value}`; });
    view.append(h('p', {}, h('label', { for: 'vdesk-team' }, t('vdesk.team')), ' ', choose));
  } else {
    view.append(h('p', { id: 'vdesk-team-name' }, t('vdesk.team_one', { team: team.name })));
  }
  const box = h('div', { id: 'vdesk-team-box', dataset: { team: team.id } });
  view.append(box);
  await teamPart(box, team);
  view.dataset.ready = '1';
}

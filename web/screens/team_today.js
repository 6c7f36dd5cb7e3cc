// #/staff/today — the team phone view (issue 16): for the worker and the
// volunteer of a grid team, on a 360 px phone, the open errands of her
// team(s) — overdue and due today first, then those waiting to be settled
// or confirmed and those due later (GET /api/v1/errands?queue=open) — and
// the visits due today or overdue (GET /api/v1/visits/due?team_id=), each a
// big card with one big button for the next step (js/team_errand.js,
// js/team_visit.js).
//
// Her teams: a worker's from GET /api/v1/elder-teams (those she is a member
// of); a volunteer may not list teams, so hers are those of the elders she
// sees (GET /api/v1/elders lists only her teams' elders) and of the errands
// assigned to her teams.
import { allPages, api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { errandCard } from '../js/team_errand.js';
import { escalationVisit } from '../js/team_escalation.js';
import { visitCard } from '../js/team_visit.js';

// {teams: [{id, name|null}], elders: Map id → record (volunteers only)}.
async function myTeams(user) {
  if (user.role === 'worker') {
    const all = (await api('/elder-teams')).items;
    const mine = all.filter((x) => x.worker_user_id === user.id || x.volunteer_user_id === user.id);
    return { teams: mine.map((x) => ({ id: x.id, name: x.name, phone: x.phone })), elders: new Map() };
  }
  if (user.role !== 'volunteer') return { teams: [], elders: new Map() };
  const [elders, errands] = await Promise.all([allPages('/elders', { state: 'active' }), allPages('/errands', { queue: 'open' })]);
  const ids = new Set([...elders, ...errands].map((x) => x.team_id).filter(Boolean));
  return { teams: [...ids].sort((a, b) => a - b).map((id) => ({ id, name: null })), elders: new Map(elders.map((e) => [e.id, e])) };
}

// The open errands of `teams` (GET /api/v1/errands?queue=open: those due
// today or overdue, those due later, and those delivered or settled that
// the team still has to settle or confirm); overdue first, then by due time.
async function teamErrands(user, teams) {
  const scopes = user.role === 'volunteer' ? [{}] : teams.map((x) => ({ team_id: x.id }));
  const pages = await Promise.all(scopes.map((s) => allPages('/errands', { ...s, queue: 'open' })));
  const byId = new Map(pages.flat().map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => (b.overdue - a.overdue) || Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id);
}

// The visits due today or overdue for `teams`, each with her record when
// this member may read it (for the address and phones) and, for an open
// nobody-answers escalation, {visit, at}: the visit with its steps and the
// due list's time (the clock).
async function teamVisits(teams, known) {
  const lists = await Promise.all(teams.map((x) => api('/visits/due', { query: { team_id: x.id } })));
  const items = lists.flatMap((l) => l.items.map((i) => ({ ...i, at: l.at })));
  const records = await Promise.all(items.map(async (i) => {
    if (known.has(i.elder.id)) return known.get(i.elder.id);
    try { return await api(`/elders/${i.elder.id}`); } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
      throw err;
    }
  }));
  const escalations = await Promise.all(items.map(async (i) => (i.due.reason === 'escalation' && i.visit_id
    ? { visit: await escalationVisit(i), at: i.at } : null)));
  return items.map((item, i) => ({ item, elder: records[i], escalation: escalations[i] }))
    .sort((a, b) => (b.item.overdue - a.item.overdue) || Date.parse(a.item.due.deadline) - Date.parse(b.item.due.deadline));
}

function section(id, title, cards, empty) {
  return h('section', { id, 'aria-labelledby': id + '-title' },
    h('h2', { id: id + '-title' }, title),
    cards.length ? h('div', { class: 'today-list' }, cards) : h('p', { class: 'today-none', id: id + '-none' }, empty));
}

async function draw(body, user, state, announce) {
  const [errands, visits] = await Promise.all([teamErrands(user, state.teams), teamVisits(state.teams, state.elders)]);
  const done = async (message, errandId) => {
    await draw(body, user, state, announce);
    announce(message, errandId ? document.getElementById(`errand-${errandId}-next`) : null);
  };
  body.replaceChildren(
    section('today-errands', t('today.errands', { n: errands.length }),
      errands.map((e) => errandCard(e, user.id, done)), t('today.errands_none')),
    section('today-visits', t('today.visits', { n: visits.length }),
      visits.map(({ item, elder, escalation }) => visitCard(item, elder, (m) => done(m), escalation)), t('today.visits_none')));
}

export async function render(view) {
  view.classList.add('team-today');
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('staff.heading'))),
    h('h1', { id: 'today-title' }, t('today.heading')));
  if (!user) {
    view.append(h('p', {}, t('today.signin')), signInForm(async () => {
      view.replaceChildren();
      await render(view);
    }));
    return;
  }
  const screen = h('div', { id: 'team-today' });
  view.append(screen);
  const state = await myTeams(user);
  if (!state.teams.length) {
    screen.append(h('div', { class: 'card', id: 'today-empty' },
      h('p', { class: 'big' }, t('today.no_team')),
      h('p', {}, t(user.role === 'worker' || user.role === 'volunteer' ? 'today.no_team_why' : 'today.not_member'))));
    screen.dataset.ready = '1';
    return;
  }
  const names = state.teams.map((x) => x.name).filter(Boolean);
  const flash = h('p', { role: 'status', id: 'today-status', class: 'today-flash', tabindex: '-1' });
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'today-refresh' }, t('today.refresh'));
  const body = h('div', { id: 'today-body' }, h('p', { role: 'status' }, t('common.loading')));
  const announce = (message, focus) => {
    flash.textContent = message;
    (focus || flash).focus();
  };
  refresh.addEventListener('click', async () => {
    refresh.disabled = true;
    try { await draw(body, user, state, announce); announce(t('today.refreshed')); } catch (err) {
      announce(t('common.error', { detail: err.message }));
    } finally { refresh.disabled = false; }
  });
  screen.append(h('p', { class: 'today-teams', id: 'today-teams' },
    names.length ? t('today.teams_named', { names: names.join('、') }) : t('today.teams_count', { n: state.teams.length })),
  flash, refresh, body);
  await draw(body, user, state, announce);
  screen.dataset.ready = '1';
}

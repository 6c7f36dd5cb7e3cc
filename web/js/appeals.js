// Appeals (诉求) in words, shared by the raise, track, queue, case and
// dashboard screens: categories in the chosen language, states and actions,
// the timeline as a list, and whose the signed-in user may reveal.
import { api } from './api.js';
import { h } from './dom.js';
import { lang, t } from './i18n.js';
import { when } from './format.js';

export const STATES = ['submitted', 'accepted', 'dispatched', 'returned', 'in_progress', 'replied', 'callback', 'closed'];
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'];

let categoriesPromise = null;
// The active categories (GET /api/v1/appeal-categories), once per page load.
export function categories() {
  categoriesPromise ??= api('/appeal-categories').then((b) => b.items)
    .catch((e) => { categoriesPromise = null; throw e; });
  return categoriesPromise;
}

// The communities with a point (GET /api/v1/areas/communities): pins,
// area filters, dispatch targets; [] when they cannot be read.
export function communities() {
  return api('/areas/communities').then((b) => b.items).catch(() => []);
}

// A category ({code, name_zh, name_en}) in the chosen language; a bare code as itself.
export function categoryName(c) {
  if (!c) return '';
  if (typeof c === 'string') return c;
  return (lang() === 'en' ? c.name_en : c.name_zh) || c.code || '';
}

// A category's question ({description, description_en}) and an answer value
// ({name, name_en}) in the chosen language; the Chinese when no English was given.
export const questionText = (a) => (lang() === 'en' && a.description_en) || a.description;
export const valueName = (v) => (lang() === 'en' && v.name_en) || v.name;

export const stateName = (s) => t('appeal.state.' + s);
export const stepName = (s) => t('appeal.action.' + s);

// A state as a badge: the word always (colour is never the only cue).
export function stateBadge(state, id) {
  return h('span', { class: `badge badge-${state}`, id }, stateName(state));
}

export function urgencyBadge(urgency) {
  if (!urgency || urgency === 'none') return null;
  return h('span', { class: `badge urgency-${urgency}` }, t('appeal.urgency.' + urgency));
}

// Events (public timeline or the full record) as an ordered list, oldest first.
// Items: {at, action, state|to_state, note, public?, note_public?, actor_role?};
// `internal` (staff) also marks each note published or internal.
export function timeline(events, id, { internal = false } = {}) {
  return h('ol', { class: 'timeline', id },
    events.map((e) => h('li', { class: e.public === false ? 'internal' : '' },
      h('p', { class: 'tl-head' },
        h('time', { datetime: e.at }, when(e.at)), ' · ',
        h('strong', {}, stepName(e.action)),
        (e.state || e.to_state) ? ` → ${stateName(e.state || e.to_state)}` : '',
        internal && e.actor_role ? ` · ${actorName(e.actor_role)}` : '',
        e.public === false ? h('span', { class: 'badge' }, t('case.internal')) : ''),
      e.reason ? h('p', { class: 'tl-note' }, t('event.reason.' + e.reason))
        : e.note ? h('p', { class: 'tl-note' }, internal ? [noteMark(e), ' '] : null, e.note) : null)));
}

// Staff see whether a note was published (公开) or stays with them; the word,
// not only a colour.
function noteMark(e) {
  return h('span', { class: e.note_public ? 'badge note-public' : 'badge note-internal' },
    t(e.note_public ? 'case.note_published' : 'case.note_internal'));
}

export function actorName(role) {
  return ['anonymous', 'system'].includes(role) ? t('appeal.role.' + role) : t('role.' + role);
}

// Whether `user` may ask for the full contact of appeal `a` (the server
// decides; this only avoids offering a button that is sure to be refused):
// dispatchers (admin, worker) and members of the assigned organisation.
export function mayReveal(user, a) {
  if (!user || !a.contact || !a.contact.masked) return false;
  if (user.role === 'admin' || user.role === 'worker') return true;
  const orgs = (user.organisations || []).map((o) => o.id);
  return user.role === 'department' && orgs.includes(a.assigned_org_id);
}

export const isStaff = (user) => Boolean(user) && ['admin', 'worker', 'department'].includes(user.role);

// The first moment of this month in the district (+08:00) as ms and "YYYY-MM".
export function thisMonth(nowMs = Date.now()) {
  const d = new Date(nowMs + 8 * 3600 * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { from: Date.UTC(y, m, 1) - 8 * 3600 * 1000, text: `${y}-${String(m + 1).padStart(2, '0')}` };
}

// An elder's errands and visits (代办与探访) as the phone desk and her page
// show them: her last errands with their state and the team each went to and
// why (GET /elders/{id}/errands), her next visit due and her last visits
// (GET /elders/{id}/visits), and — for those who see her whole, while her
// record is open — the keys that start a new errand (E) or a visit (V),
// shown on screen; the forms open in the panel with the focus where the
// next keystroke goes (js/errand_form.js, js/visit_form.js). A caller who may
// not act (a masked view, a closed record) is told so in words when she
// presses a key. After a save, the new errand or visit heads its list and
// takes the focus, and the status line says where the errand went and why.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { dueText, errandItem, reasonText, stateLabel, teamText, visitItem, howLabel, outcomeLabel } from './care_words.js';
import { keyHint } from './care_form.js';
import { errandForm } from './errand_form.js';
import { visitForm } from './visit_form.js';

const ERRANDS_SHOWN = 5;
const VISITS_SHOWN = 3;

// The open form of any panel (one at a time: the forms' ids are fixed).
let openForm = null;

const editable = (el) => el instanceof Element && Boolean(el.closest('input, textarea, select, form, [contenteditable]'));

function listProblem(err) {
  if (err instanceof ApiError && err.status === 403) return t('care.list_forbidden');
  if (err instanceof ApiError && err.status === 404) return t('care.list_missing');
  return t('common.error', { detail: err.message });
}

// Team id → name, for the teams of her community (GET /elder-teams).
async function teamNames(e) {
  try {
    const teams = await api('/elder-teams', { query: { community_id: e.community_id } });
    return new Map(teams.items.map((x) => [x.id, x.name]));
  } catch (err) {
    if (err instanceof ApiError) return new Map();
    throw err;
  }
}

// carePanel(elder, {level, onDigit}) → {el, keys(target) → cleanup}.
// `level`: the panel heading's level; `onDigit()`: called on a digit or "+"
// typed in the panel (the desk sends it to its number box).
export async function carePanel(e, { level = 2, onDigit } = {}) {
  const may = e.view === 'full' && e.state === 'active';
  const id = (n) => `care-${e.id}-${n}`;
  const [errands, visits, names] = await Promise.all([
    api(`/elders/${e.id}/errands`, { query: { limit: ERRANDS_SHOWN } }).catch((err) => err),
    api(`/elders/${e.id}/visits`, { query: { limit: VISITS_SHOWN } }).catch((err) => err),
    teamNames(e)]);
  const teamName = (teamId) => names.get(teamId) || null;

  const heading = (n, text, attrs = {}) => h(`h${Math.min(level + n, 6)}`, attrs, text);
  const flash = h('p', { role: 'status', id: id('flash'), class: 'care-flash', tabindex: '-1' });
  const slot = h('div', { class: 'care-slot' });
  const errandList = h('ul', { class: 'plain care-list', id: `errands-${e.id}` });
  const visitList = h('ul', { class: 'plain care-list', id: `visits-${e.id}` });
  const due = h('span', { id: `due-${e.id}` });
  const errandsEmpty = h('p', { class: 'note', id: id('errands-none') }, t('care.errands_none'));
  const visitsEmpty = h('p', { class: 'note', id: id('visits-none') }, t('care.visits_none'));

  if (errands instanceof Error) errandsEmpty.textContent = listProblem(errands);
  else errandList.append(...errands.items.map((x) => errandItem(x, teamName)));
  errandsEmpty.hidden = errandList.children.length > 0;
  if (visits instanceof Error) {
    visitsEmpty.textContent = listProblem(visits);
    due.textContent = t('elder.unknown');
  } else {
    visitList.append(...visits.items.map(visitItem));
    due.textContent = dueText(visits.due);
    due.dataset.state = visits.due?.state || '';
  }
  visitsEmpty.hidden = visitList.children.length > 0;

  const errandButton = h('button', { type: 'button', id: `errand-new-${e.id}`, 'aria-keyshortcuts': 'E' },
    t('care.errand_button'), ' ', keyHint('E'));
  const visitButton = h('button', { type: 'button', id: `visit-new-${e.id}`, 'aria-keyshortcuts': 'V' },
    t('care.visit_button'), ' ', keyHint('V'));
  const actions = may
    ? h('div', { class: 'care-actions' }, h('p', {}, errandButton, ' ', visitButton),
      h('p', { class: 'note', id: id('keys') }, t('care.keys_hint')))
    : h('p', { class: 'note', id: id('refusal') }, e.view === 'full' ? t('care.closed_no_action') : t('care.masked_no_action'));

  function say(text, bad = false) {
    flash.textContent = text;
    flash.classList.toggle('error', bad);
  }

  function close() {
    slot.replaceChildren();
    if (openForm?.slot === slot) openForm = null;
  }

  function savedErrand(x) {
    close();
    errandList.prepend(errandItem(x, teamName));
    if (errandList.children.length > ERRANDS_SHOWN) errandList.lastElementChild.remove();
    errandsEmpty.hidden = true;
    say(x.team_id
      ? t('care.errand_saved', { state: stateLabel(x.state), team: teamText(x, teamName) })
      : t('care.errand_saved_unassigned', { state: stateLabel(x.state), reason: reasonText(x.assign_reason) }));
    errandList.firstElementChild.focus();
  }

  function savedVisit(x) {
    close();
    visitList.prepend(visitItem(x));
    if (visitList.children.length > VISITS_SHOWN) visitList.lastElementChild.remove();
    visitsEmpty.hidden = true;
    if (x.next_due) {
      due.textContent = dueText(x.next_due);
      due.dataset.state = x.next_due.state;
    }
    say(x.escalation
      ? t('care.visit_saved_escalation', { how: howLabel(x.how) })
      : t('care.visit_saved', { how: howLabel(x.how), outcome: outcomeLabel(x.outcome), due: dueText(x.next_due) }),
    Boolean(x.escalation));
    visitList.firstElementChild.focus();
  }

  // Opens the errand or visit form (kind "errand" | "visit").
  function open(kind) {
    if (!may) {
      say(e.view === 'full' ? t('care.closed_no_action') : t('care.masked_no_action'), true);
      flash.focus();
      return;
    }
    if (openForm) openForm.close();
    const opener = kind === 'errand' ? errandButton : visitButton;
    const cancel = () => { close(); opener.focus(); };
    const f = kind === 'errand'
      ? errandForm(e, { level: level + 1, onCancel: cancel, onSaved: (x) => savedErrand(x) })
      : visitForm(e, { level: level + 1, onCancel: cancel, onSaved: (x) => savedVisit(x) });
    say('');
    slot.replaceChildren(f.form);
    openForm = { slot, close };
    f.focus();
  }
  errandButton.addEventListener('click', () => open('errand'));
  visitButton.addEventListener('click', () => open('visit'));

  const el = h('section', { class: 'care', id: id('panel'), 'aria-labelledby': id('title') },
    heading(0, t('care.heading'), { id: id('title') }), actions, slot, flash,
    heading(1, t('care.errands_heading')), errandList, errandsEmpty,
    heading(1, t('care.visits_heading')), h('p', {}, h('span', { class: 'note' }, t('care.due_label')), ' ', due),
    visitList, visitsEmpty);

  // E and V (and digits, for the desk) typed anywhere in `target` but a box
  // or a form.
  function keys(target) {
    const onKey = (ev) => {
      if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented || !el.isConnected) return;
      if (editable(ev.target)) return;
      const k = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
      if (k === 'e' || k === 'v') {
        ev.preventDefault();
        open(k === 'e' ? 'errand' : 'visit');
      } else if (onDigit && /^[\d+]$/.test(k)) {
        onDigit();
      }
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }

  return { el, keys };
}

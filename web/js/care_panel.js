// An elder's errands and visits (代办与探访) as the phone desk and her page
// show them: her last errands with their state and the team each went to and
// why (GET /elders/{id}/errands), her next visit due and her last visits
// (GET /elders/{id}/visits), and — for those who see her whole, while her
// record is open — the keys that start a new errand (E), a visit (V) or a
// change reported (C: a fall, a hospital stay), shown on screen; the forms
// open in the panel with the focus where the next keystroke goes
// (js/errand_form.js, js/visit_form.js, js/visit_change.js). A caller who may
// not act (a masked view, a closed record) is told so in words when she
// presses a key. After a save, the new errand or visit heads its list and
// takes the focus, and the status line says where the errand went and why;
// a change reported says the visit now due. A visit with findings offers to
// raise an errand or an appeal from them (js/visit_raise.js) and links what
// it raised.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { dueText, errandItem, reasonText, stateLabel, teamText, visitItem, howLabel, outcomeLabel } from './care_words.js';
import { keyHint } from './care_form.js';
import { errandForm } from './errand_form.js';
import { visitForm } from './visit_form.js';
import { changeForm, changeLabel } from './visit_change.js';
import { raiseBar, raiseForm, raisedLinks } from './visit_raise.js';

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

  // A visit as a list item; with findings, for those who may act, what it
  // raised and the offer to raise more.
  function visitRow(v) {
    const li = visitItem(v);
    if (!may || !v.findings) return li;
    const bar = raiseBar(v, { onErrand: showErrand, onOpen: (kind) => openRaise(v, kind, bar) });
    li.append(bar.el);
    return li;
  }

  if (errands instanceof Error) errandsEmpty.textContent = listProblem(errands);
  else errandList.append(...errands.items.map((x) => errandItem(x, teamName)));
  errandsEmpty.hidden = errandList.children.length > 0;
  if (visits instanceof Error) {
    visitsEmpty.textContent = listProblem(visits);
    due.textContent = t('elder.unknown');
  } else {
    visitList.append(...visits.items.map(visitRow));
    due.textContent = dueText(visits.due);
    due.dataset.state = visits.due?.state || '';
  }
  visitsEmpty.hidden = visitList.children.length > 0;

  const errandButton = h('button', { type: 'button', id: `errand-new-${e.id}`, 'aria-keyshortcuts': 'E' },
    t('care.errand_button'), ' ', keyHint('E'));
  const visitButton = h('button', { type: 'button', id: `visit-new-${e.id}`, 'aria-keyshortcuts': 'V' },
    t('care.visit_button'), ' ', keyHint('V'));
  const changeButton = h('button', { type: 'button', id: `change-new-${e.id}`, 'aria-keyshortcuts': 'C' },
    t('change.button'), ' ', keyHint('C'));
  const actions = may
    ? h('div', { class: 'care-actions' }, h('p', {}, errandButton, ' ', visitButton, ' ', changeButton),
      h('p', { class: 'note', id: id('keys') }, t('care.keys_hint')))
    : h('p', { class: 'note', id: id('refusal') }, e.view === 'full' ? t('care.closed_no_action') : t('care.masked_no_action'));

  // The status line: text, or text and nodes (a link).
  function say(text, bad = false, ...more) {
    flash.replaceChildren(text, ...more);
    flash.classList.toggle('error', bad);
  }

  // Focuses errand `id` in her list; false when the list does not show it.
  function showErrand(id) {
    const item = errandList.querySelector(`#errand-${id}`);
    item?.focus();
    return Boolean(item);
  }

  function showDue(d) {
    due.textContent = dueText(d);
    due.dataset.state = d.state;
  }

  function close() {
    slot.replaceChildren();
    if (openForm?.slot === slot) openForm = null;
  }

  function listErrand(x) {
    errandList.querySelector(`#errand-${x.id}`)?.remove();
    errandList.prepend(errandItem(x, teamName));
    if (errandList.children.length > ERRANDS_SHOWN) errandList.lastElementChild.remove();
    errandsEmpty.hidden = true;
  }

  function savedErrand(x) {
    close();
    listErrand(x);
    say(x.team_id
      ? t('care.errand_saved', { state: stateLabel(x.state), team: teamText(x, teamName) })
      : t('care.errand_saved_unassigned', { state: stateLabel(x.state), reason: reasonText(x.assign_reason) }));
    errandList.firstElementChild.focus();
  }

  function savedVisit(x) {
    close();
    visitList.prepend(visitRow(x));
    if (visitList.children.length > VISITS_SHOWN) visitList.lastElementChild.remove();
    visitsEmpty.hidden = true;
    if (x.next_due) showDue(x.next_due);
    say(x.escalation
      ? t('care.visit_saved_escalation', { how: howLabel(x.how) })
      : t('care.visit_saved', { how: howLabel(x.how), outcome: outcomeLabel(x.outcome), due: dueText(x.next_due) }),
    Boolean(x.escalation));
    visitList.firstElementChild.focus();
  }

  function savedChange(answer, kind) {
    close();
    showDue(answer.due);
    say(t('change.saved', { kind: changeLabel(kind), due: dueText(answer.due) }));
    flash.focus();
  }

  // An errand or an appeal raised from visit `v` (its raise bar `bar`): the
  // errand heads her list and takes the focus, the appeal's link does; both
  // are said with a link and listed under the visit.
  async function raised(answer, v, bar) {
    close();
    v.raised = [...(v.raised || []), answer];
    bar.links.replaceChildren(...raisedLinks(v, showErrand).flat());
    const link = bar.links.lastElementChild.cloneNode(true);
    if (answer.kind === 'appeal') {
      say(t('raise.appeal_done', { id: answer.id }), false, ' ', link);
      link.focus();
      return;
    }
    link.addEventListener('click', (ev) => { if (showErrand(answer.id)) ev.preventDefault(); });
    const x = await api(`/errands/${answer.id}`).catch(() => null);
    if (x) listErrand(x);
    let text = t('raise.errand_done_plain', { id: answer.id });
    if (x?.team_id) text = t('raise.errand_done', { state: stateLabel(x.state), team: teamText(x, teamName) });
    else if (x) text = t('raise.errand_done_unassigned', { state: stateLabel(x.state), reason: reasonText(x.assign_reason) });
    say(text, false, ' ', link);
    if (!showErrand(answer.id)) link.focus();
  }

  // Opens a form in the panel's slot: `make(cancel)` → {form, focus};
  // cancelling gives the focus back to `opener`.
  function openIn(opener, make) {
    if (!may) {
      say(e.view === 'full' ? t('care.closed_no_action') : t('care.masked_no_action'), true);
      flash.focus();
      return;
    }
    if (openForm) openForm.close();
    const f = make(() => { close(); opener.focus(); });
    say('');
    slot.replaceChildren(f.form);
    openForm = { slot, close };
    f.focus();
  }

  // Opens the errand, visit or change form (kind "errand" | "visit" | "change").
  function open(kind) {
    const opts = (cancel) => ({ level: level + 1, onCancel: cancel });
    if (kind === 'errand') openIn(errandButton, (c) => errandForm(e, { ...opts(c), onSaved: savedErrand }));
    if (kind === 'visit') openIn(visitButton, (c) => visitForm(e, { ...opts(c), onSaved: savedVisit }));
    if (kind === 'change') openIn(changeButton, (c) => changeForm(e, { ...opts(c), onSaved: savedChange }));
  }

  // Opens the raise form for visit `v` (kind "errand" | "appeal").
  function openRaise(v, kind, bar) {
    openIn(kind === 'errand' ? bar.errand : bar.appeal, (c) => raiseForm(e, v, kind,
      { level: level + 1, onCancel: c, onRaised: (answer) => raised(answer, v, bar) }));
  }
  errandButton.addEventListener('click', () => open('errand'));
  visitButton.addEventListener('click', () => open('visit'));
  changeButton.addEventListener('click', () => open('change'));

  const el = h('section', { class: 'care', id: id('panel'), 'aria-labelledby': id('title') },
    heading(0, t('care.heading'), { id: id('title') }), actions, slot, flash,
    heading(1, t('care.errands_heading')), errandList, errandsEmpty,
    heading(1, t('care.visits_heading')), h('p', {}, h('span', { class: 'note' }, t('care.due_label')), ' ', due),
    visitList, visitsEmpty);

  // E, V and C (and digits, for the desk) typed anywhere in `target` but a
  // box or a form.
  function keys(target) {
    const onKey = (ev) => {
      if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented || !el.isConnected) return;
      if (editable(ev.target)) return;
      const k = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
      if (k === 'e' || k === 'v' || k === 'c') {
        ev.preventDefault();
        open({ e: 'errand', v: 'visit', c: 'change' }[k]);
      } else if (onDigit && /^[\d+]$/.test(k)) {
        onDigit();
      }
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }

  return { el, keys };
}

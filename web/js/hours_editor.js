// The keepers' hours editor (screens/edit.js): boxes for groups of weekdays
// (一 … 日), each with its time ranges or 24 小时; 法定节假日闭馆; 调休上班日
//照常开放. The boxes write the opening_hours expression (js/hours_model.js);
// the expert text box below holds that expression and may be typed in: a
// value the boxes can say fills them again, any other value disables them
// with a note. Chinese typed there ("周一至周五 08:00-18:00") gets the OSM
// form to take over with one click (js/hours_zh.js), and a parse error from
// GET /api/v1/hours/evaluate is said in Chinese at its position. A valid value
// draws the next 30 days (js/hours_preview.js), from a day the keeper chooses.
//
// hoursEditor(initial) → { nodes, previewNode, valid(), flush(), focusProblem() };
// the saved value is the text box, <input id="hours" name="opening_hours">.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { lang, t } from './i18n.js';
import { fromLocalInput } from './format.js';
import { modelProblems, normalizeTime, readHours, workdayGroup, writeHours } from './hours_model.js';
import { hasChinese, zhExpected, zhToOsm } from './hours_zh.js';
import { isoDate, loadPreview, previewList } from './hours_preview.js';

const DEBOUNCE_MS = 250;
const DAYS = [1, 2, 3, 4, 5, 6, 7];

const newGroup = () => ({ days: [], allDay: false, ranges: [{ from: '08:00', until: '18:00' }] });
const workWeek = () => ({ groups: [{ days: [1, 2, 3, 4, 5], allDay: false, ranges: [{ from: '08:00', until: '18:00' }] }],
  phOff: true, makeUp: false });

// The expression with the character at `pos` (code points) marked.
function marked(expr, pos) {
  const chars = [...expr];
  const at = Math.min(pos, chars.length);
  return h('code', { class: 'expr', 'aria-hidden': 'true' },
    chars.slice(0, at).join(''), h('mark', {}, chars[at] ?? ' '), chars.slice(at + 1).join(''));
}

function choice(id, text, checked, onchange, extra = {}) {
  return h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id, checked, onchange, ...extra }), h('label', { for: id }, text));
}

function problemText(p) {
  const n = p.group + 1;
  const r = (p.range ?? 0) + 1;
  if (p.problem === 'day_twice') {
    return t('hours.problem.day_twice', { day: t('weekday.' + p.day), a: p.other + 1, b: n });
  }
  return t('hours.problem.' + p.problem, { n, r });
}

export function hoursEditor(initial) {
  let model = readHours(initial);
  const readable = model !== null;
  let problems = [];
  let exprValid = true;
  let timer = null;
  let pendingFromText = false;
  let seq = 0;

  const input = h('input', { id: 'hours', name: 'opening_hours', value: initial, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'hours-hint hours-check', lang: 'en' });
  const written = h('code', { id: 'hours-written', lang: 'en' }, initial || t('hours.none'));
  const groupsBox = h('div', { id: 'hours-groups' });
  const boxesCheck = h('div', { id: 'hours-boxes-check', 'aria-live': 'polite' });
  const boxesNote = h('div', { id: 'hours-boxes-note' });
  const check = h('div', { id: 'hours-check', 'aria-live': 'polite' });
  const preview = h('div', { id: 'hours-preview', 'aria-live': 'off' });
  const previewFrom = h('input', { type: 'date', id: 'preview-from', value: isoDate(Date.now()),
    onchange: () => validate(false) });
  const phOff = h('input', { type: 'checkbox', id: 'hours-ph-off', onchange: (e) => { model.phOff = e.target.checked; boxesChanged(); } });
  const makeUp = h('input', { type: 'checkbox', id: 'hours-make-up', 'aria-describedby': 'hours-make-up-hint',
    onchange: (e) => { model.makeUp = e.target.checked; boxesChanged(); } });
  const addGroup = h('button', { type: 'button', class: 'secondary', id: 'hours-add-group', onclick: () => {
    model.groups.push(newGroup());
    renderGroups();
    boxesChanged();
    groupsBox.querySelector('.hours-group:last-child input[type=checkbox]')?.focus();
  } }, t('hours.add_group'));
  const boxes = h('fieldset', { id: 'hours-boxes' }, h('legend', {}, t('hours.boxes')),
    groupsBox, addGroup,
    h('div', { class: 'choice' }, phOff, h('label', { for: 'hours-ph-off' }, t('hours.ph_off'))),
    h('div', { class: 'choice' }, makeUp, h('label', { for: 'hours-make-up' }, t('hours.make_up'))),
    h('p', { class: 'note', id: 'hours-make-up-hint' }, t('hours.make_up_hint')),
    boxesCheck);
  const expert = h('details', { id: 'hours-expert', open: model === null },
    h('summary', {}, t('hours.expert')),
    h('label', { for: 'hours' }, t('edit.hours')),
    h('p', { id: 'hours-hint', class: 'note' }, t('edit.hours_hint')), input);

  // One group of days: the seven day boxes, its ranges or 24 小时, remove.
  function groupNode(g, gi) {
    const n = gi + 1;
    const days = h('div', { class: 'day-chips', role: 'group', 'aria-label': t('hours.group_days', { n }) },
      DAYS.map((d) => h('label', { class: 'day-chip' },
        h('input', { type: 'checkbox', class: 'visually-hidden', checked: g.days.includes(d),
          'aria-label': t('weekday.' + d), dataset: { day: d },
          onchange: (e) => {
            g.days = e.target.checked ? [...g.days, d].sort((a, b) => a - b) : g.days.filter((x) => x !== d);
            boxesChanged();
          } }),
        h('span', { 'aria-hidden': 'true' }, t('hours.day_short.' + d)))));
    const ranges = g.allDay ? [] : g.ranges.map((r, ri) => h('div', { class: 'range-row', dataset: { range: ri } },
      h('input', { class: 'time', value: r.from, inputmode: 'numeric', maxlength: 5, placeholder: '08:00', autocomplete: 'off',
        'aria-label': t('hours.range_from', { n, r: ri + 1 }), dataset: { field: 'from' },
        oninput: (e) => { r.from = e.target.value; boxesChanged(); },
        onchange: (e) => { r.from = normalizeTime(e.target.value) ?? e.target.value; e.target.value = r.from; boxesChanged(); } }),
      h('span', { class: 'to' }, t('hours.word.to')),
      h('input', { class: 'time', value: r.until, inputmode: 'numeric', maxlength: 5, placeholder: '18:00', autocomplete: 'off',
        'aria-label': t('hours.range_until', { n, r: ri + 1 }), dataset: { field: 'until' },
        oninput: (e) => { r.until = e.target.value; boxesChanged(); },
        onchange: (e) => { r.until = normalizeTime(e.target.value, true) ?? e.target.value; e.target.value = r.until; boxesChanged(); } }),
      h('button', { type: 'button', class: 'secondary inline', 'aria-label': t('hours.remove_range_label', { n, r: ri + 1 }),
        onclick: () => {
          g.ranges.splice(ri, 1);
          renderGroups();
          boxesChanged();
          groupsBox.children[gi]?.querySelector('.add-range')?.focus();
        } }, t('hours.remove_range'))));
    return h('fieldset', { class: 'hours-group', dataset: { group: gi } },
      h('legend', {}, t('hours.group', { n })), days,
      choice(`hours-all-day-${gi}`, t('hours.all_day'), g.allDay, (e) => {
        g.allDay = e.target.checked;
        if (!g.allDay && !g.ranges.length) g.ranges.push({ from: '08:00', until: '18:00' });
        renderGroups();
        boxesChanged();
        document.getElementById(`hours-all-day-${gi}`)?.focus();
      }),
      ranges,
      !g.allDay && h('button', { type: 'button', class: 'secondary add-range', onclick: () => {
        g.ranges.push({ from: '', until: '' });
        renderGroups();
        boxesChanged();
        [...groupsBox.children[gi].querySelectorAll('.range-row input')].at(-2)?.focus();
      } }, t('hours.add_range')),
      h('button', { type: 'button', class: 'secondary remove-group',
        onclick: () => {
          model.groups.splice(gi, 1);
          renderGroups();
          boxesChanged();
          addGroup.focus();
        } }, t('hours.remove_group', { n })));
  }

  function renderGroups() {
    if (!model) return;
    groupsBox.replaceChildren(...model.groups.map(groupNode));
    if (!model.groups.length) groupsBox.append(h('p', { class: 'note' }, t('hours.no_groups')));
    phOff.checked = model.phOff;
    makeUp.checked = model.makeUp && !!workdayGroup(model);
    makeUp.disabled = !workdayGroup(model);
  }

  // The boxes can say the text box's value, or they step aside with a note.
  function boxesUsable(usable) {
    boxes.disabled = !usable;
    boxes.hidden = !usable;
    if (!usable) expert.open = true;
    boxesNote.replaceChildren(...(usable ? [] : [
      h('p', { class: 'note' }, t('hours.boxes_cannot')),
      h('button', { type: 'button', class: 'secondary', id: 'hours-use-boxes', onclick: () => {
        model = workWeek();
        boxesUsable(true);
        renderGroups();
        boxesChanged();
        groupsBox.querySelector('input')?.focus();
      } }, t('hours.use_boxes'))]));
  }

  function showProblems() {
    for (const el of groupsBox.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const p of problems) {
      const field = p.problem === 'bad_from' ? 'from' : p.problem === 'bad_until' ? 'until' : null;
      if (field) groupsBox.children[p.group]?.querySelector(`[data-range="${p.range}"] [data-field="${field}"]`)?.setAttribute('aria-invalid', 'true');
    }
    boxesCheck.replaceChildren(...(problems.length
      ? [h('ul', { class: 'error', id: 'hours-problems' }, problems.map((p) => h('li', {}, problemText(p))))] : []));
  }

  function boxesChanged() {
    makeUp.disabled = !workdayGroup(model);
    if (makeUp.disabled) model.makeUp = false;  // nothing to take the hours from
    makeUp.checked = model.makeUp;
    problems = modelProblems(model);
    showProblems();
    if (problems.length) {
      check.replaceChildren();
      return;
    }
    input.value = writeHours(model);
    written.textContent = input.value || t('hours.none');
    schedule(false);
  }

  function schedule(fromText) {
    clearTimeout(timer);
    pendingFromText = pendingFromText || fromText;
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function run() {
    clearTimeout(timer);
    const fromText = pendingFromText;
    pendingFromText = false;
    return validate(fromText);
  }

  function invalid(...nodes) {
    exprValid = false;
    input.setAttribute('aria-invalid', 'true');
    check.replaceChildren(...nodes);
    preview.replaceChildren();
  }

  async function validate(fromText) {
    const mine = ++seq;
    const expr = input.value.trim();
    written.textContent = expr || t('hours.none');
    if (fromText) {
      const read = hasChinese(expr) ? null : readHours(expr);
      if (read) {
        model = read;
        problems = [];
        boxesUsable(true);
        renderGroups();
        showProblems();
      } else if (!hasChinese(expr)) {
        boxesUsable(false);
        problems = [];
      }
    }
    if (!expr) {  // no hours: the state becomes unknown, which is allowed
      exprValid = true;
      input.removeAttribute('aria-invalid');
      check.replaceChildren(h('p', { class: 'note' }, t('hours.none_note')));
      preview.replaceChildren();
      return;
    }
    if (hasChinese(expr)) {
      const osm = zhToOsm(expr);
      invalid(h('p', { class: 'error', id: 'hours-error' }, osm ? t('hours.zh_hint', { osm }) : t('hours.zh_unknown')),
        osm && h('button', { type: 'button', class: 'secondary', id: 'hours-take-osm', onclick: () => {
          input.value = osm;
          validate(true);
          input.focus();
        } }, t('hours.zh_take')));
      return;
    }
    check.replaceChildren(h('p', { class: 'note' }, t('edit.checking')));
    try {
      const start = fromLocalInput(`${previewFrom.value || isoDate(Date.now())}T00:00`) ?? Date.now();
      const days = await loadPreview(expr, start);
      if (mine !== seq) return;
      exprValid = true;
      input.removeAttribute('aria-invalid');
      check.replaceChildren(h('p', { class: 'ok' }, t('edit.hours_ok')));
      preview.replaceChildren(...previewList(days, expr).filter(Boolean));
    } catch (e) {
      if (mine !== seq) return;
      const p = e instanceof ApiError ? e.problem : {};
      if (p.position === undefined) {
        invalid(h('p', { class: 'error', id: 'hours-error' }, t('common.error', { detail: e.message })));
        return;
      }
      const expected = lang() === 'en' ? p.expected : zhExpected(p.expected);
      invalid(h('p', { class: 'error', id: 'hours-error' }, t('hours.error_at', { pos: p.position + 1, expected })),
        marked(expr, p.position));
    }
  }

  input.addEventListener('input', () => schedule(true));
  if (readable) renderGroups();
  else model = { groups: [], phOff: false, makeUp: false };
  boxesUsable(readable);
  validate(false);

  return {
    nodes: [h('h2', { id: 'hours-title' }, t('facility.hours')), boxesNote, boxes,
      h('p', { class: 'written' }, t('hours.written'), ' ', written), expert, check],
    previewNode: h('section', { class: 'card', 'aria-labelledby': 'preview-title', id: 'hours-preview-card' },
      h('h2', { id: 'preview-title' }, t('hours.preview_heading')),
      h('label', { for: 'preview-from' }, t('hours.preview_from')), previewFrom, preview),
    valid: () => exprValid && (boxes.disabled || !problems.length),
    flush: run,
    // Focus the first thing to correct: a box, else the text box (opened).
    focusProblem: () => {
      const bad = groupsBox.querySelector('[aria-invalid="true"]') || (problems.length && groupsBox.querySelector(`[data-group="${problems[0].group}"] input`));
      if (bad && !boxes.disabled) { bad.focus(); return; }
      expert.open = true;
      input.focus();
    },
  };
}

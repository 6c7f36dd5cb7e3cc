// #/staff/desk — the phone desk (电话服务台): one box, focused on arrival,
// takes a red proxy card number or the number an elder calls from; Enter
// opens her record in one step (GET /api/v1/elders/lookup?card=|?phone=),
// with the team on duty for her now (js/elder_duty.js), her last errands,
// her next visit due and her last visits (js/care_panel.js).
// One elder found: the focus moves to her, where E starts a new errand and
// V a visit (keyboard only; the forms save with Ctrl+Enter), and a digit
// typed goes back into the box — its text selected, so the next call is
// typed straight over it. Several found, none, a revoked card or a refusal:
// the focus stays in the box and the status line says so.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { cardNumber, cardText, elderFacts, maskedNote } from '../js/elder_words.js';
import { dutyRow } from '../js/elder_duty.js';
import { carePanel } from '../js/care_panel.js';

// What was typed: a card (ten digits, the first never 0) or a phone.
export function deskQuery(text) {
  const raw = text.trim();
  const digits = raw.replace(/[\s.\-()]/g, '');
  if (/^[1-9]\d{9}$/.test(digits)) return { card: digits };
  return { phone: raw };
}

const isStaff = (user) => user.role === 'admin' || user.role === 'worker';

// The active card of a record this caller sees whole (masked callers may not
// read cards: say nothing rather than guess).
async function cardRow(e, known) {
  if (known) return [t('elder.f.card'), cardText({ number_display: cardNumber(known.number) })];
  if (e.view !== 'full') return null;
  try {
    return [t('elder.f.card'), cardText(await api(`/elders/${e.id}/card`))];
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [t('elder.f.card'), t('elder.card_none')];
    throw err;
  }
}

// Her block: name (a link to her page), facts, and the errands and visits
// panel, whose keys work while the focus is anywhere in the block but a box.
async function elderBlock(e, known, toBox) {
  const [card, duty, care] = await Promise.all([cardRow(e, known), dutyRow(e), carePanel(e, { level: 4, onDigit: toBox })]);
  const name = `desk-elder-${e.id}-name`;
  const block = h('article', { class: 'card desk-elder', id: `desk-elder-${e.id}`, tabindex: '-1',
    'aria-labelledby': name, dataset: { id: e.id, view: e.view } },
    h('h3', { id: name }, h('a', { href: `#/staff/elders/${e.id}` }, e.name)),
    maskedNote(e), elderFacts(e, [duty, card].filter(Boolean)), care.el);
  care.keys(block);
  return block;
}

function problemText(err, q) {
  if (!(err instanceof ApiError)) return t('common.error', { detail: err.message });
  if (err.status === 410) return t('desk.revoked');
  if (err.status === 404) return q.card ? t('desk.no_card') : t('desk.no_phone');
  if (err.status === 422) return q.card ? t('desk.bad_card') : t('desk.bad_phone');
  if (err.status === 403) return t('desk.forbidden');
  return t('common.error', { detail: err.message });
}

export async function render(view) {
  const user = await me();
  if (!user) { location.hash = '#/staff'; return; }
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('staff.heading'))),
    h('h1', {}, t('desk.heading')));
  if (!isStaff(user)) { view.append(h('p', { class: 'error' }, t('elder.staff_only'))); return; }
  const box = h('input', { id: 'desk-q', name: 'q', type: 'text', inputmode: 'tel', autocomplete: 'off',
    'aria-describedby': 'desk-hint desk-status', enterkeyhint: 'search' });
  const status = h('p', { id: 'desk-status', role: 'status' });
  const results = h('section', { id: 'desk-results', 'aria-label': t('desk.results') });
  const form = h('form', { id: 'desk-form', class: 'card desk' },
    h('label', { for: 'desk-q' }, t('desk.label')), box,
    h('p', { class: 'note', id: 'desk-hint' }, t('desk.hint')),
    h('button', { type: 'submit' }, t('desk.find')));
  let asked = 0;
  // A digit typed at an elder goes to the box (the keydown moves the focus
  // first, so the character lands there, over the selected text).
  const toBox = () => { box.focus(); box.select(); };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = box.value.trim();
    const mine = ++asked;
    results.replaceChildren();
    status.classList.remove('error');
    if (!text) { status.textContent = t('desk.empty'); box.focus(); return; }
    const q = deskQuery(text);
    status.textContent = t('common.loading');
    try {
      const found = await api('/elders/lookup', { query: q });
      const blocks = await Promise.all(found.items.map((e) => elderBlock(e, found.card, toBox)));
      if (mine !== asked) return;
      status.textContent = found.items.length === 1
        ? t('desk.found_one', { name: found.items[0].name })
        : t('desk.found_many', { n: found.items.length });
      results.replaceChildren(...blocks);
      if (blocks.length === 1) { blocks[0].focus(); return; }
    } catch (err) {
      if (mine !== asked) return;
      status.textContent = problemText(err, q);
      status.classList.add('error');
    }
    box.focus();
    box.select();
  });
  view.append(form, status, results);
  // The shell focuses <main> once a screen is drawn; the box takes it after.
  const timer = setTimeout(() => box.focus(), 0);
  return () => clearTimeout(timer);
}

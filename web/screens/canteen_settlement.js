// #/staff/canteen/{id}/settlement/{YYYY-MM} — a canteen's month for the
// settlement with the civil-affairs bureau (issue 17): the month (last month
// unless one is named), its summary (GET …/settlements/{month}: meals by
// subsidy tier, subsidised and full-price meals, the subsidy owed, the
// adjustments and the adjusted total, deliveries still open), the lines as CSV
// (…/lines.csv, UTF-8 with BOM) and a printable summary (the print styles of
// `.canteen-settlement` in app.css). Read by the canteen's staff, admins and
// department users; admins close a past month (a confirm step in the page, the
// server's 409 said as it comes) and add adjustment lines to a closed one.
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { districtParts, price, toLocalInput } from '../js/format.js';
import { yuanToFen } from '../js/team_money.js';
import { fieldBox, fieldMessage, formErrors } from '../js/care_form.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ERROR_WORDS = { order_id: 'settlement.err.order', subsidy_delta_fen: 'settlement.err.amount', reason: 'settlement.err.reason' };

// The district month before the one of `ms`: "2026-11" in December 2026.
export function lastMonth(ms = Date.now()) {
  const { year, month } = districtParts(ms);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

// A signed amount in yuan as typed ("-2.50", "－5", "3") → fen, or null.
export function signedFen(text) {
  const s = String(text ?? '').trim().replace(/^[−－]/, '-');
  const negative = s.startsWith('-');
  const fen = yuanToFen(negative ? s.slice(1) : s);
  return fen === null ? null : negative ? -fen : fen;
}

// A signed price: "+¥5.00" / "-¥2.50".
const delta = (fen) => (fen < 0 ? '-' : '+') + price(Math.abs(fen));
// An instant of the API (epoch seconds, or RFC 3339) as "2026-12-01 09:30", district time.
const stamp = (v) => toLocalInput(typeof v === 'number' ? v * 1000 : Date.parse(v)).replace('T', ' ');

const base = (id, month) => `/canteens/${encodeURIComponent(id)}/settlements/${month}`;
const hash = (id, month) => `#/staff/canteen/${encodeURIComponent(id)}/settlement/${month}`;

function refusalText(err) {
  return err instanceof ApiError ? t('settlement.refused', { detail: err.message }) : t('common.offline');
}

const fact = (id, label, value) => [h('dt', {}, label), h('dd', { id }, value)];

function summaryCard(s) {
  const adjusted = s.adjustments.reduce((sum, a) => sum + a.subsidy_delta_fen, 0);
  return h('section', { class: 'card', id: 'settlement-summary', 'aria-labelledby': 'settlement-summary-title' },
    h('h2', { id: 'settlement-summary-title' }, t('settlement.summary')),
    h('p', { id: 'settlement-state', class: s.closed ? 'settlement-closed' : 'note' }, s.closed
      ? t('settlement.closed', { time: stamp(s.closed.at), who: s.closed.by_name, meals: s.closed.meals, subsidy: price(s.closed.subsidy_fen) })
      : t('settlement.open')),
    h('dl', { class: 'facts settlement-facts' },
      fact('settlement-meals', t('settlement.meals'), t('settlement.n_meals', { n: s.meals })),
      fact('settlement-subsidised', t('settlement.subsidised_meals'), t('settlement.n_meals', { n: s.subsidised_meals })),
      fact('settlement-full-price', t('settlement.full_price_meals'), t('settlement.n_meals', { n: s.full_price_meals })),
      fact('settlement-subsidy', t('settlement.subsidy'), price(s.subsidy_fen)),
      fact('settlement-adjustments-total', t('settlement.adjustments_total'), delta(adjusted)),
      fact('settlement-adjusted', t('settlement.adjusted_subsidy'), price(s.adjusted_subsidy_fen)),
      fact('settlement-open-deliveries', t('settlement.open_deliveries'), String(s.open_deliveries))),
    h('h3', { id: 'settlement-tiers-title' }, t('settlement.tiers')),
    s.tiers.length ? h('table', { id: 'settlement-tiers' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('settlement.tier')),
        h('th', { scope: 'col', class: 'num' }, t('settlement.meals')), h('th', { scope: 'col', class: 'num' }, t('settlement.subsidy')))),
      h('tbody', {}, s.tiers.map((x) => h('tr', { dataset: { tier: x.tier } },
        h('th', { scope: 'row' }, x.tier || t('settlement.tier_none')),
        h('td', { class: 'num' }, String(x.meals)), h('td', { class: 'num' }, price(x.subsidy_fen))))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('dash.total')),
        h('td', { class: 'num' }, String(s.meals)), h('td', { class: 'num' }, price(s.subsidy_fen)))))
      : h('p', { id: 'settlement-tiers-none' }, t('settlement.tiers_none')));
}

function adjustmentsCard(s) {
  return h('section', { class: 'card', id: 'settlement-adjustments', 'aria-labelledby': 'settlement-adjustments-title' },
    h('h2', { id: 'settlement-adjustments-title' }, t('settlement.adjustments')),
    s.adjustments.length ? h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'settlement-adjustments-title' },
      h('table', { id: 'settlement-adjustments-table' },
        h('thead', {}, h('tr', {}, [t('settlement.adj_when'), t('settlement.adj_order'), t('settlement.adj_delta'),
          t('settlement.adj_reason'), t('settlement.adj_by')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, s.adjustments.map((a) => h('tr', { dataset: { id: a.id } },
          h('td', {}, stamp(a.created_at)), h('td', {}, a.order_id === null || a.order_id === undefined ? '—' : `#${a.order_id}`),
          h('td', { class: 'num' }, delta(a.subsidy_delta_fen)), h('td', {}, a.reason), h('td', {}, a.by_name))))))
      : h('p', { id: 'settlement-adjustments-none' }, t('settlement.adjustments_none')));
}

// Admins: close the month (a confirm step in the page); `done(summary)` after a 200.
function closeBox(id, month, status, done) {
  const open = h('button', { type: 'button', id: 'settlement-close' }, t('settlement.close'));
  const yes = h('button', { type: 'button', id: 'settlement-close-confirm' }, t('settlement.close_confirm'));
  const no = h('button', { type: 'button', class: 'secondary', id: 'settlement-close-cancel' }, t('settlement.cancel'));
  const ask = h('div', { id: 'settlement-close-ask', class: 'settlement-ask', hidden: true, role: 'group', 'aria-labelledby': 'settlement-close-q' },
    h('p', { id: 'settlement-close-q' }, t('settlement.close_ask', { month })), yes, ' ', no);
  open.addEventListener('click', () => { ask.hidden = false; open.hidden = true; yes.focus(); });
  no.addEventListener('click', () => { ask.hidden = true; open.hidden = false; open.focus(); });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await done(await api(`${base(id, month)}/close`, { method: 'POST', json: {} }));
    } catch (err) {
      ask.hidden = true;
      open.hidden = false;
      status.textContent = refusalText(err);
      status.classList.add('error');
      status.focus();
    } finally { yes.disabled = false; }
  });
  return h('div', { class: 'settlement-close no-print' }, open, ask);
}

// Admins, a closed month: an adjustment line; `saved(adjustment)` after a 201.
function adjustForm(id, month, saved) {
  const order = h('input', { type: 'text', inputmode: 'numeric', maxlength: 18, autocomplete: 'off' });
  const amount = h('input', { type: 'text', inputmode: 'decimal', required: true, maxlength: 16, autocomplete: 'off' });
  const reason = h('input', { type: 'text', required: true, maxlength: 200 });
  const summary = h('div', { id: 'adjust-errors', tabindex: '-1' });
  const form = h('form', { id: 'settlement-adjust', class: 'card no-print', 'aria-labelledby': 'settlement-adjust-title', novalidate: true },
    h('h2', { id: 'settlement-adjust-title' }, t('settlement.adjust')),
    h('p', { class: 'note' }, t('settlement.adjust_note')),
    fieldBox('adjust-order', 'order_id', t('settlement.f.order'), order),
    fieldBox('adjust-amount', 'subsidy_delta_fen', t('settlement.f.amount'), amount, t('settlement.amount_hint')),
    fieldBox('adjust-reason', 'reason', t('settlement.f.reason'), reason),
    summary,
    h('button', { type: 'submit', id: 'adjust-save' }, t('settlement.adjust_save')));
  const errors = formErrors(form, summary, 'adjust');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    // What the page can tell at once; the server says the rest (an unknown order, …).
    const fen = signedFen(amount.value);
    const orderText = order.value.trim();
    const local = [];
    if (orderText && !/^\d{1,15}$/.test(orderText)) local.push({ field: 'order_id', message: t('settlement.err.order') });
    if (!fen) local.push({ field: 'subsidy_delta_fen', message: t('settlement.err.amount') });
    if (!reason.value.trim()) local.push({ field: 'reason', message: t('settlement.err.reason') });
    if (local.length) { errors.show(local, t('settlement.not_saved')); return; }
    const body = { subsidy_delta_fen: fen, reason: reason.value.trim() };
    if (orderText) body.order_id = Number(orderText);
    const save = form.querySelector('#adjust-save');
    save.disabled = true;
    let made;
    try {
      made = await api(`${base(id, month)}/adjustments`, { method: 'POST', json: body });
      order.value = '';
      amount.value = '';
      reason.value = '';
    } catch (err) {
      const is422 = err instanceof ApiError && err.status === 422;
      const list = is422 ? (err.problem.errors || []).map((x) => ({ field: x.field, message: fieldMessage(x, ERROR_WORDS) })) : [];
      errors.show(list, is422 ? t('settlement.not_saved') : refusalText(err));
      save.disabled = false;
      return;
    }
    // Added (append-only): whatever the summary's read then does, the page
    // never says "not saved", or the admin would type the line in again.
    try { await saved(made); } finally { save.disabled = false; }
  });
  return form;
}

export async function render(view, { id, month: named }) {
  view.classList.add('canteen-settlement');
  const user = await me();
  const title = h('h1', { id: 'settlement-title' }, t('settlement.heading'));
  view.append(h('p', { class: 'no-print' }, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('settlement.back'))), title);
  if (!user) {
    view.append(h('p', {}, t('settlement.signin')), signInForm(async () => {
      view.replaceChildren();
      await render(view, { id, month: named });
    }));
    return;
  }
  const month = MONTH.test(named || '') ? named : lastMonth();
  let s;
  try {
    s = await api(base(id, month));
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 404)) throw err;
    view.append(h('p', { class: 'error', id: 'settlement-refused', role: 'alert' },
      t(err.status === 403 ? 'settlement.forbidden' : 'settlement.not_found')));
    return;
  }
  const admin = user.role === 'admin';
  const picker = h('input', { type: 'month', id: 'settlement-month', value: month, required: true });
  const pick = h('form', { class: 'samples-day no-print', id: 'settlement-pick' },
    h('label', { for: picker.id }, t('settlement.month')), picker, h('button', { type: 'submit', class: 'secondary' }, t('settlement.show')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (MONTH.test(picker.value)) location.hash = hash(id, picker.value);
  });
  const flash = h('p', { role: 'status', id: 'settlement-status', tabindex: '-1' });
  const body = h('div', { id: 'settlement-body' });
  const tools = h('p', { class: 'samples-tools no-print', id: 'settlement-tools' },
    h('a', { class: 'button secondary', id: 'settlement-csv', href: `/api/v1${base(id, month)}/lines.csv`, download: `settlement-${id}-${month}.csv` },
      t('settlement.csv')), ' ',
    h('button', { type: 'button', class: 'secondary', id: 'settlement-print', onclick: () => window.print() }, t('settlement.print')));
  const draw = (message) => {
    title.textContent = t('settlement.of_month', { name: s.canteen_name, month });
    body.replaceChildren();
    fill(body, summaryCard(s),
      admin && !s.closed && closeBox(id, month, flash, async (closed) => {
        s = closed;
        draw(t('settlement.closed_done', { month }));
      }),
      adjustmentsCard(s),
      admin && s.closed && adjustForm(id, month, async (made) => {
        const said = t('settlement.adjust_saved', { amount: delta(made.subsidy_delta_fen) });
        try { s = await api(base(id, month)); } catch (err) {
          // Saved all the same: say so, and why the figures above are not yet new.
          flash.textContent = `${said} ${refusalText(err)}`;
          flash.focus();
          return;
        }
        draw(said);
      }));
    flash.classList.remove('error');
    flash.textContent = message;
    if (message) flash.focus();
  };
  view.append(pick, flash, body, tools, h('p', { class: 'note print-only' }, t('settlement.print_note')));
  draw('');
  view.dataset.ready = '1';
}

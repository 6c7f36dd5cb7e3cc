// Errands (代购 / 代办) and visits (探访) in words, as the phone desk and the
// elder's page show them: the API's codes as labels, a shopping line typed
// as "鸡蛋 2 15" read into {text, quantity, budget_fen} (元 → fen by string
// arithmetic, js/team_money.js), an errand's work, state and team in one
// line, a visit and the next one due. Pure but for t() and h().
import { h } from './dom.js';
import { t } from './i18n.js';
import { dayLabel, districtParts, when } from './format.js';
import { fenToYuan, yuanToFen } from './team_money.js';

export const ERRAND_KINDS = ['shopping', 'medicine', 'task'];
export const VISIT_HOWS = ['home', 'phone', 'video'];
export const VISIT_OUTCOMES = ['seen_well', 'concern', 'nobody_answers'];

export const kindLabel = (k) => t('care.kind.' + k);
export const stateLabel = (s) => t('care.state.' + s);
export const howLabel = (x) => t('care.how.' + x);
export const outcomeLabel = (x) => t('care.outcome.' + x);
export const yuan = (fen) => t('care.yuan', { n: fenToYuan(fen) });

// Why the errand went to its team (assign_reason) — the rule of
// GET /elders/{id}/on-duty, or "chosen" when a worker named the team.
export const reasonText = (r) => t('care.reason.' + (r || 'none_on_duty'));

const QUANTITY = /^[x×*]?(\d+)$/i;
const halfWidth = (s) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0));

// One typed line → {line: {text, quantity, budget_fen}} or {error}. The
// last word is the budget in 元 (two decimals at most, never negative), the
// one before it the quantity when it is a whole number (×2 and x2 too; else
// 1); the rest is the text. Ranges (quantity 1–999, text length) are the
// server's to judge: its 422 names the line.
export function parseLine(raw) {
  const words = halfWidth(raw).trim().split(/[\s\u3000]+/).filter(Boolean);
  if (words.length < 2) return { error: t('care.line.format') };
  const last = words.pop();
  const budget = yuanToFen(last);
  if (budget === null) return { error: t('care.line.budget', { value: last }) };
  let quantity = 1;
  const q = words.length > 1 ? QUANTITY.exec(words[words.length - 1]) : null;
  if (q) { quantity = Number(q[1]); words.pop(); }
  return { line: { text: words.join(' '), quantity, budget_fen: budget } };
}

// The lines of a shopping list (blank lines skipped) → {lines, errors}; each
// error {index, row, message}: `index` counts the list's lines (the API's
// lines[i]), `row` the box's rows from 1.
export function parseLines(text) {
  const lines = [];
  const errors = [];
  String(text || '').split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const r = parseLine(raw);
    if (r.error) errors.push({ index: lines.length + errors.length, row: i + 1, message: r.error });
    else lines.push({ ...r.line, row: i + 1 });
  });
  return { lines, errors };
}

// "鸡蛋 ×2 · 15.00 元"
export const lineText = (l) => `${l.text} ×${l.quantity} · ${yuan(l.budget_fen)}`;

// What the errand is, in one line; a masked view (work null) says so.
export function workText(e) {
  const w = e.work;
  if (!w) return `${kindLabel(e.kind)}${t('elder.hidden')}`;
  if (e.kind === 'shopping') {
    const items = (w.lines || []).map((l) => `${l.text}×${l.quantity}`).join('、');
    return `${kindLabel(e.kind)}：${items}（${t('care.budget_total', { yuan: fenToYuan(w.budget_fen) })}）`;
  }
  if (e.kind === 'medicine') return `${kindLabel(e.kind)}：${w.pharmacy} · ${w.what}`;
  return `${kindLabel(e.kind)}：${w.text}`;
}

// The team an errand went to and why: "生态园银龄帮扶队（她的结对服务队正在值班）";
// `teamName(id)` gives a team's name (or null when unknown).
export function teamText(e, teamName) {
  if (!e.team_id) return `${t('care.no_team')}（${reasonText(e.assign_reason)}）`;
  const name = teamName(e.team_id) || t('care.team_n', { id: e.team_id });
  return `${name}（${reasonText(e.assign_reason)}）`;
}

// One errand as a list item: when, what, state (a badge with words), the
// team and why, due or overdue.
export function errandItem(e, teamName) {
  const open = !['settled', 'cancelled'].includes(e.state) && !e.complete;
  return h('li', { class: 'errand', id: `errand-${e.id}`, dataset: { id: e.id, state: e.state }, tabindex: '-1' },
    h('span', { class: 'note' }, when(e.received_at)), ' ',
    h('span', { class: `badge errand-state state-${e.state}` }, e.complete ? t('care.complete') : stateLabel(e.state)),
    e.overdue ? h('span', { class: 'badge tier-high' }, t('care.overdue')) : null, ' ',
    h('span', { class: 'errand-work' }, workText(e)), ' · ',
    h('span', { class: 'errand-team' }, t('care.went_to', { team: teamText(e, teamName) })),
    open && !e.overdue ? h('span', { class: 'note' }, ' · ', t('care.due_by', { when: when(e.due_at) })) : null);
}

const DAY_MS = 24 * 3600e3;
const isMidnight = (ms) => { const p = districtParts(ms); return !p.hour && !p.minute; };

// A deadline in words: at a district midnight, the day it ends ("周六 03-06
// 之内"), else its time ("今天 18:00 前").
function byText(iso) {
  const ms = Date.parse(iso);
  return isMidnight(ms) ? t('care.by_day', { day: dayLabel(ms - 1) }) : t('care.by_time', { when: when(iso) });
}

// When her next visit is due: {due_from, deadline, reason, state}.
export function dueText(due) {
  if (!due) return t('elder.unknown');
  const reason = t('care.due_reason.' + due.reason);
  const by = byText(due.deadline);
  if (due.state === 'overdue') return t('care.due.overdue', { by, reason });
  if (due.state === 'today') return t('care.due.today', { by, reason });
  const from = Date.parse(due.due_from);
  if (isMidnight(from) && Date.parse(due.deadline) - from === DAY_MS) {
    return t('care.due.on_day', { day: dayLabel(from), reason });
  }
  return t('care.due.not_yet', { from: isMidnight(from) ? dayLabel(from) : when(due.due_from), by, reason });
}

// One visit: when, how, outcome, findings (null in a masked view: hidden).
export function visitItem(v) {
  const findings = v.findings === null ? t('elder.hidden') : v.findings;
  return h('li', { class: 'visit', id: `visit-${v.id}`, dataset: { id: v.id, outcome: v.outcome }, tabindex: '-1' },
    h('span', { class: 'note' }, when(v.visited_at)), ' ',
    `${howLabel(v.how)} · `, h('span', { class: `badge outcome-${v.outcome}` }, outcomeLabel(v.outcome)),
    findings ? ` · ${findings}` : null,
    v.escalation && v.escalation.state !== 'resolved' ? h('span', { class: 'note' }, ' · ', t('care.escalation_open')) : null);
}

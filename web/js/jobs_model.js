// The job search's pure parts (screens/jobs.js and job.js draw, this
// decides): the pay range as shown ("¥3,000–4,500/月"), the search held in
// the hash (#/jobs?q=保洁&area=3&pay=3000&since=week) ⇄ the filters, the
// filters → the API's query (GET /api/v1/jobs), and a complaint's body. No DOM.
import { t } from './i18n.js';
import { districtParts, priceSpoken } from './format.js';
import { fenToYuan, yuanToFen } from './team_money.js';

// The API takes at most 20 characters of q (after trimming).
export const MAX_Q = 20;
export const SINCE = ['all', 'week', 'month'];
export const REASONS = ['discrimination', 'false_info', 'fee_charged', 'expired', 'other'];
export const MAX_COMPLAINT_TEXT = 500;

// 300000 → "3,000"; 123456 → "1,234.56" (whole yuan without decimals).
export function yuanText(fen) {
  const [whole, cents] = fenToYuan(fen).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents === '00' ? grouped : `${grouped}.${cents}`;
}

// (300000, 450000) → "¥3,000–4,500/月"; one figure when min = max.
export function payText(minFen, maxFen) {
  const range = minFen === maxFen ? yuanText(minFen) : `${yuanText(minFen)}–${yuanText(maxFen)}`;
  return t('jobs.pay', { range: '¥' + range });
}

// The pay range as read aloud: "月薪三千元到四千五百元".
export function priceWords(minFen, maxFen) {
  if (minFen === maxFen) return t('jobs.pay_spoken_one', { pay: priceSpoken(minFen) });
  return t('jobs.pay_spoken', { min: priceSpoken(minFen), max: priceSpoken(maxFen) });
}

// The search box's text as the API wants it: blanks (full-width too) made
// one, trimmed.
export function cleanQ(text) {
  return String(text ?? '').replace(/[\s\u3000]+/g, ' ').trim();
}

// The hash's query → the filters {q, area, pay, since}; anything unreadable
// left out (an old or hand-made link still opens a search).
export function filtersOf(query) {
  const area = query.get('area') || '';
  const pay = query.get('pay') || '';
  const since = query.get('since');
  return {
    q: cleanQ(query.get('q')).slice(0, MAX_Q),
    area: /^\d+$/.test(area) ? area : '',
    pay: yuanToFen(pay) !== null ? pay.trim() : '',
    since: SINCE.includes(since) ? since : 'all',
  };
}

// The filters → the hash: "#/jobs" for no filter, only what is set.
export function hashOf(filters) {
  const q = new URLSearchParams();
  if (filters.q) q.set('q', filters.q);
  if (filters.area) q.set('area', filters.area);
  if (filters.pay) q.set('pay', filters.pay);
  if (filters.since && filters.since !== 'all') q.set('since', filters.since);
  const text = q.toString();
  return '#/jobs' + (text ? '?' + text : '');
}

// The first district day of this week (Monday) or month, at `nowMs`:
// "2026-11-30" / "2026-12-01"; null for all.
export function sinceDay(since, nowMs = Date.now()) {
  if (since !== 'week' && since !== 'month') return null;
  const p = districtParts(nowMs);
  const first = since === 'week' ? Date.UTC(p.year, p.month - 1, p.day - (p.weekday - 1)) : Date.UTC(p.year, p.month - 1, 1);
  return new Date(first).toISOString().slice(0, 10);
}

// The filters → GET /jobs's query (empty values are left out by api()).
export function apiQuery(filters, { nowMs = Date.now(), limit = 20, cursor } = {}) {
  const fen = filters.pay ? yuanToFen(filters.pay) : null;
  return {
    q: filters.q || undefined,
    area_id: filters.area || undefined,
    pay_min_fen: fen || undefined,
    since: sinceDay(filters.since, nowMs) ?? undefined,
    limit,
    cursor,
  };
}

// What is wrong with the form's values, as [{field, key}] (message keys), or [].
export function checkFilters({ q, pay }) {
  const errors = [];
  if (cleanQ(q).length > MAX_Q) errors.push({ field: 'q', key: 'jobs.q_too_long' });
  if (String(pay ?? '').trim() && yuanToFen(pay) === null) errors.push({ field: 'pay', key: 'jobs.pay_bad' });
  return errors;
}

// A complaint's body from the form's values; {errors: [{field, key}]} when
// the form must say something first (the server checks it all again).
export function complaintBody({ reason, text, phone }) {
  const errors = [];
  const words = String(text ?? '').trim();
  const number = String(phone ?? '').replace(/[\s-]/g, '');
  if (!REASONS.includes(reason)) errors.push({ field: 'reason', key: 'jobs.complaint_reason_missing' });
  if (reason === 'other' && !words) errors.push({ field: 'text', key: 'jobs.complaint_text_missing' });
  if (words.length > MAX_COMPLAINT_TEXT) errors.push({ field: 'text', key: 'jobs.complaint_text_long' });
  if (errors.length) return { errors };
  const body = { reason, text: words };
  if (number) body.phone = number;
  return { body };
}

// An answer that failed (api.js's ApiError, or fetch's TypeError when the
// server cannot be reached), in words: gone, too many, offline, busy.
export function problemText(e) {
  if (!e?.status) return t('jobs.offline');
  if (e.status === 404) return t('jobs.not_found');
  if (e.status === 429) return t('jobs.too_many');
  if (e.status === 503) return t('jobs.busy');
  const fields = (e.problem?.errors || []).map((x) => x.message).filter(Boolean);
  return t('common.error', { detail: fields.length ? fields.join('；') : e.message });
}

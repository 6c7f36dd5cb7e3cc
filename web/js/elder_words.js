// Elders (服务对象) in words: the API's codes as labels in the chosen language,
// ages, and the facts of one record as a <dl> — the same on the phone desk
// and the elder's page. A masked record (`view: "masked"`) has null address,
// position and needs and masked name and phones: those are shown as the API
// gives them, or as "hidden", never as "null" or "undefined".
import { h } from './dom.js';
import { t } from './i18n.js';
import { when } from './format.js';

export const CATEGORIES = ['living_alone', 'empty_nest', 'left_behind', 'disabled', 'severely_disabled',
  'lost_only_child', 'extreme_poverty', 'subsistence_allowance'];
export const TIERS = ['high', 'priority', 'general'];
export const BASES = ['consent', 'guardian_consent', 'legal_duty'];
export const HEALTH_BASES = ['consent', 'guardian_consent'];
export const CLOSE_REASONS = ['moved_out', 'died'];
export const REVOKE_REASONS = ['lost', 'damaged', 'withdrawn'];

export const categoryLabel = (c) => t('elder.cat.' + c);
export const tierLabel = (tier) => t('elder.tier.' + tier);

// A risk tier as a badge (words, not colour alone).
export const tierBadge = (tier) => h('span', { class: `badge tier-${tier}` }, tierLabel(tier));

// "1941-03-05" → 85 (district date); "1941-**-**" (masked) → about 85.
export function ageText(birth, nowMs = Date.now()) {
  const m = /^(\d{4})-(\d\d|\*\*)-(\d\d|\*\*)$/.exec(birth || '');
  if (!m) return t('elder.unknown');
  const today = new Date(nowMs + 8 * 3600e3);
  const y = today.getUTCFullYear();
  if (m[2] === '**') return t('elder.age_about', { n: y - Number(m[1]) });
  const md = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  const born = Number(m[2]) * 100 + Number(m[3]);
  return t('elder.age', { n: y - Number(m[1]) - (md < born ? 1 : 0) });
}

// A value the masked view withholds (null) as "hidden", an empty one as "none".
export function shown(value, masked) {
  if (value === null || value === undefined) return masked ? t('elder.hidden') : t('elder.none');
  if (Array.isArray(value)) return value.length ? value.join('、') : t('elder.none');
  return String(value) === '' ? t('elder.none') : String(value);
}

const phoneList = (phones) => (phones || []).length
  ? h('ul', { class: 'plain' }, phones.map((p) => h('li', {}, /\*/.test(p) ? p : h('a', { href: 'tel:' + p.replace(/[^\d+]/g, '') }, p))))
  : t('elder.none');

function contacts(list) {
  if (!list?.length) return t('elder.none');
  return h('ul', { class: 'plain' }, list.map((c) => h('li', {},
    [c.name, c.relation].filter(Boolean).join('（') + (c.relation ? '）' : ''), ' ',
    /\*/.test(c.phone) ? c.phone : h('a', { href: 'tel:' + c.phone.replace(/[^\d+]/g, '') }, c.phone))));
}

function needs(e, masked) {
  if (!e.needs) {
    if (masked) return t('elder.hidden');
    return e.health_consent ? t('elder.none') : t('elder.no_health_consent');
  }
  const rows = [['diet', e.needs.diet], ['mobility', e.needs.mobility], ['hearing', e.needs.hearing],
    ['medicines', (e.needs.medicines || []).join('、')]].filter(([, v]) => v);
  if (!rows.length) return t('elder.none');
  return h('ul', { class: 'plain' }, rows.map(([k, v]) => h('li', {}, `${t('elder.needs.' + k)}：${v}`)));
}

const consentText = (c) => (c ? [t('elder.basis.' + c.basis), c.note, c.recorded_at ? when(c.recorded_at) : null]
  .filter(Boolean).join(' · ') : t('elder.none'));

// The record's facts; `extra` rows ([label, node]) are appended (the card).
export function elderFacts(e, extra = []) {
  const masked = e.view === 'masked';
  const rows = [
    ['name', e.name],
    ['age', `${ageText(e.birth_date)}（${e.birth_date || t('elder.unknown')}）`],
    ['categories', (e.categories || []).length ? e.categories.map(categoryLabel).join('、') : t('elder.none')],
    ['tier', tierBadge(e.risk_tier)],
    ['needs', needs(e, masked)],
    ['phones', phoneList(e.phones)],
    ['contacts', contacts(e.emergency_contacts)],
    ['address', shown(e.address, masked)],
  ];
  if (!masked) {
    rows.push(['position', e.lat === null || e.lat === undefined ? t('elder.none') : `${e.lat}, ${e.lon}`]);
    rows.push(['consent', consentText(e.consent)]);
    rows.push(['health_consent', e.health_consent ? consentText(e.health_consent) : t('elder.health_consent_none')]);
  }
  if (e.state === 'closed') {
    rows.push(['state', t('elder.closed_state', { reason: t('elder.close.' + (e.closed?.reason || 'moved_out')),
      when: e.closed?.at ? when(e.closed.at) : '' }) + (e.closed?.note ? ` · ${e.closed.note}` : '')]);
  }
  return h('dl', { class: 'facts elder-facts' }, [...rows.map(([k, v]) => [t('elder.f.' + k), v]), ...extra]
    .map(([label, v]) => [h('dt', {}, label), h('dd', {}, v)]));
}

// A card number as printed: 5729430181 → 5729-430-181.
export const cardNumber = (n) => String(n).replace(/^(\d{4})(\d{3})(\d{3})$/, '$1-$2-$3');

// A red proxy card's state in words: null (none) or {number_display, state, …}.
export function cardText(card) {
  if (!card) return t('elder.card_none');
  const number = t('elder.card_active', { number: card.number_display || cardNumber(card.number) });
  return card.issued_at ? `${number} · ${t('elder.card_issued_at', { when: when(card.issued_at) })}` : number;
}

// The banner that says a record is masked, and why.
export const maskedNote = (e) => (e.view === 'masked'
  ? h('p', { class: 'card warning', id: 'masked-note', role: 'note' }, t('elder.masked_note')) : null);

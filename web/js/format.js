// Words and numbers for people: distances, ages, district times (+08:00,
// Asia/Shanghai has no DST), opening hours in words and the next seven days,
// prices as shown and as read aloud.
import { lang, t } from './i18n.js';
import { fenToYuan } from './team_money.js';

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

// Calendar parts of instant `ms` in the district.
export function districtParts(ms) {
  const d = new Date(ms + OFFSET_MS);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() || 7,
  };
}

export function districtDayStart(ms) { return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS; }

export function rfc3339(ms) {
  const p = districtParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:00+08:00`;
}

// "2026-11-26T09:30" (an <input type=datetime-local>, read as district time).
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(value || '');
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET_MS : null;
}

export function toLocalInput(ms) { return rfc3339(ms).slice(0, 16); }

export function clock(ms) { const p = districtParts(ms); return `${pad(p.hour)}:${pad(p.minute)}`; }

export function dayLabel(ms) {
  const p = districtParts(ms);
  return `${t('weekday.' + p.weekday)} ${pad(p.month)}-${pad(p.day)}`;
}

// "今天 18:00" / "明天 08:00" / "周五 11-28 08:00", relative to `nowMs`.
export function when(iso, nowMs = Date.now()) {
  const ms = Date.parse(iso);
  const days = Math.round((districtDayStart(ms) - districtDayStart(nowMs)) / DAY_MS);
  if (days === 0) return t('time.today', { time: clock(ms) });
  if (days === 1) return t('time.tomorrow', { time: clock(ms) });
  return t('time.date', { date: dayLabel(ms), time: clock(ms) });
}

export function distance(m) {
  return m < 1000 ? t('distance.m', { n: Math.round(m) }) : t('distance.km', { n: (m / 1000).toFixed(1) });
}

export function age(seconds) {
  if (seconds < 60) return t('age.seconds');
  if (seconds < 3600) return t('age.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('age.hours', { n: Math.floor(seconds / 3600) });
  return t('age.days', { n: Math.floor(seconds / 86400) });
}

// How long: "3 天" / "5 小时" / "12 分钟" (the largest whole unit).
export function duration(seconds) {
  if (seconds >= 86400) return t('duration.days', { n: Math.floor(seconds / 86400) });
  if (seconds >= 3600) return t('duration.hours', { n: Math.floor(seconds / 3600) });
  return t('duration.minutes', { n: Math.max(1, Math.floor(seconds / 60)) });
}

// A facility's state at `at` (now when null) with its next change, in
// words: relative to today for now ("明天 08:00"), with the date for a
// chosen time ("周三 12-02 12:00").
export function stateText(item, at = null) {
  const state = item.state || 'unknown';
  if (state === 'unknown') return t('state.unknown');
  const then = at === null ? '' : '_at';
  if (!item.next_change) return t(`state.${state}${then}`);
  const ms = Date.parse(item.next_change);
  const time = at === null ? when(item.next_change) : t('time.date', { date: dayLabel(ms), time: clock(ms) });
  return t(`state.${state}${then}_until`, { time });
}

// Parking's free spaces and how fresh they are, or null for other kinds.
export function freeSpacesText(item) {
  if (!('free_spaces_age_s' in item)) return null;
  if (item.free_spaces_age_s === null) return t('parking.never');
  const a = age(item.free_spaces_age_s);
  if (item.free_spaces === null) return t('parking.stale', { age: a });
  return `${t('parking.free', { n: item.free_spaces })} · ${t('parking.free_age', { age: a })}`;
}

const DAY_WORDS = { Mo: 1, Tu: 2, We: 3, Th: 4, Fr: 5, Sa: 6, Su: 7 };
const WORDS = { PH: 'PH', WD: 'WD', OD: 'OD', off: 'off', closed: 'off', open: 'open', unknown: 'unknown' };

// The hours in words, one line per rule: "Mo-Fr 08:00-18:00; PH off" →
// ["周一至周五 08:00–18:00", "法定节假日 休息"]. Only words are translated;
// the structure stays the expression's, so nothing is guessed.
export function hoursInWords(expr) {
  if (!expr) return [t('facility.hours_none')];
  const parts = expr.split(/(;|\|\|)/);  // rules with their separators between
  const lines = [];
  for (let i = 0; i < parts.length; i += 2) {
    let text = parts[i].trim()
      .replace(/24\/7/g, t('hours.word.always'))
      .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su)\s*-\s*(Mo|Tu|We|Th|Fr|Sa|Su)\b/g,
        (m, a, b) => `${t('weekday.' + DAY_WORDS[a])}${t('hours.word.to')}${t('weekday.' + DAY_WORDS[b])}`)
      .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su)\b/g, (m) => t('weekday.' + DAY_WORDS[m]))
      .replace(/\b(PH|WD|OD|off|closed|open|unknown)\b/g, (m) => t('hours.word.' + WORDS[m]))
      .replace(/(\d\d:\d\d)-(\d\d:\d\d)/g, '$1–$2')
      .replace(/"([^"]*)"/g, '($1)');
    if (!text) continue;
    if (parts[i - 1] === '||') text = `${t('hours.word.otherwise')}: ${text}`;
    lines.push(text);
  }
  return lines;
}

// The evaluate API's intervals from `fromMs` → seven days, each
// {ms, label, spans: ["08:00–12:00"], comment}; an open interval crossing
// midnight shows on both days, 24:00 for its end.
export function sevenDays(intervals, fromMs) {
  const start = districtDayStart(fromMs);
  const days = [];
  for (let i = 0; i < 7; i++) {
    const dayStart = start + i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const spans = [];
    let comment = null;
    for (const iv of intervals) {
      const from = Math.max(Date.parse(iv.from), dayStart);
      const until = Math.min(Date.parse(iv.until), dayEnd);
      if (from >= until) continue;
      if (iv.comment && !comment) comment = iv.comment;
      if (iv.state !== 'open') continue;
      spans.push(`${clock(from)}–${until === dayEnd ? '24:00' : clock(until)}`);
    }
    days.push({ ms: dayStart, label: dayLabel(dayStart), spans, comment });
  }
  return days;
}

// The district's date of instant `ms`: "2026-12-05".
export function districtDate(ms = Date.now()) { return rfc3339(ms).slice(0, 10); }

// A price as shown: 800 → "¥8.00".
export function price(fen) { return '¥' + fenToYuan(fen); }

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

// A whole number (0 … 99 999 999) in Chinese words, as read aloud:
// 8 → 八, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十, 20000 → 二万.
export function chineseNumber(n) {
  if (n === 0) return DIGITS[0];
  const four = (x) => {
    let s = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(x / 10 ** i) % 10;
      if (d === 0) { zero = s !== ''; continue; }
      if (zero) { s += DIGITS[0]; zero = false; }
      s += DIGITS[d] + UNITS[i];
    }
    return s;
  };
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let s = high ? four(high) + '万' : '';
  if (low) s += (high && low < 1000 ? DIGITS[0] : '') + four(low);
  return s.replace(/^一十/, '十');
}

// A price as read aloud in the chosen language: 800 → "八元", 850 →
// "八元五角", 805 → "八元零五分" / "8 yuan", "8.50 yuan".
export function priceSpoken(fen) {
  const n = Math.max(0, Math.trunc(Number(fen) || 0));
  if (lang() === 'en') return t('money.spoken', { yuan: n % 100 ? fenToYuan(n) : String(n / 100) });
  const yuan = Math.floor(n / 100);
  const jiao = Math.floor(n / 10) % 10;
  const fenPart = n % 10;
  let s = yuan || !n ? chineseNumber(yuan) + '元' : '';
  if (jiao) s += chineseNumber(jiao) + '角';
  else if (fenPart && yuan) s += DIGITS[0];
  if (fenPart) s += chineseNumber(fenPart) + '分';
  return s;
}

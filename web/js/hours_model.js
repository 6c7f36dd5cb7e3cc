// The keepers' hours editor in data: the boxes (groups of weekdays, each with
// its time ranges or 24 hours; closed on public holidays; open on make-up
// working days) and the opening_hours expression they stand for, both ways.
//
//   model = { groups: [{ days: [1..7], allDay, ranges: [{ from: 'HH:MM', until: 'HH:MM' }] }],
//             phOff, makeUp }
//
// writeHours(model) gives the expression (docs/opening-hours.md), e.g.
// 'Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00; WD Sa,Su 08:00-18:00; PH off':
// a make-up working day (调休上班, a Saturday or Sunday that is an official
// working day, selected by warmcity's `WD Sa,Su`) takes the hours of the
// first group holding a day from Monday to Friday; Monday to Friday alone
// with both boxes ticked is written `WD 09:00-17:00`. readHours(expr) reads
// back exactly the expressions of that shape (any case and spacing) and
// answers null for every other value, which stays in the expert text box.
// Days are 1 = Monday … 7 = Sunday. Pure; no DOM, no imports.

export const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

// "8:00", "08:00", "0800", "8", "8：30", "24:00" → "HH:MM"; null when not a
// time of day (24:00 only as `allowEnd`).
export function normalizeTime(text, allowEnd = false) {
  const s = String(text ?? '').trim().replace('：', ':');
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (minute > 59 || hour > 24 || (hour === 24 && (minute > 0 || !allowEnd))) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

// [1,2,3,4,5] → 'Mo-Fr'; [6,7] → 'Sa,Su'; [1,3,5] → 'Mo,We,Fr': runs of three
// or more days as a range.
export function formatDays(days) {
  const set = [...new Set(days)].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < set.length;) {
    let j = i;
    while (j + 1 < set.length && set[j + 1] === set[j] + 1) j++;
    const run = set.slice(i, j + 1).map((d) => DAY_CODES[d - 1]);
    parts.push(run.length >= 3 ? `${run[0]}-${run[run.length - 1]}` : run.join(','));
    i = j + 1;
  }
  return parts.join(',');
}

function formatRanges(group) {
  if (group.allDay) return '00:00-24:00';
  return group.ranges.map((r) => `${r.from}-${r.until}`).join(',');
}

const isWeekday = (d) => d >= 1 && d <= 5;
const midnightAsEnd = (time) => (time === '00:00' ? '24:00' : time);

// The group whose hours a make-up working day takes, or null.
export function workdayGroup(model) {
  return model.groups.find((g) => g.days.some(isWeekday)) ?? null;
}

// What is wrong with the boxes, as [{group, range, problem}] (problem:
// 'no_days', 'no_times', 'bad_from', 'bad_until', 'empty_range', 'day_twice'
// with `day`); [] when writeHours can write them.
export function modelProblems(model) {
  const problems = [];
  const seen = new Map();
  model.groups.forEach((g, gi) => {
    if (!g.days.length) problems.push({ group: gi, problem: 'no_days' });
    for (const d of g.days) {
      if (seen.has(d)) problems.push({ group: gi, problem: 'day_twice', day: d, other: seen.get(d) });
      else seen.set(d, gi);
    }
    if (g.allDay) return;
    if (!g.ranges.length) problems.push({ group: gi, problem: 'no_times' });
    g.ranges.forEach((r, ri) => {
      const from = normalizeTime(r.from);
      const until = normalizeTime(r.until, true);
      if (!from) problems.push({ group: gi, range: ri, problem: 'bad_from' });
      if (!until) problems.push({ group: gi, range: ri, problem: 'bad_until' });
      if (from && until && (from === until || (from === '00:00' && until === '24:00'))) {
        problems.push({ group: gi, range: ri, problem: 'empty_range' });
      }
    });
  });
  return problems;
}

// The expression of the boxes ('' when there is no group); call only when
// modelProblems(model) is empty. Times are normalised.
export function writeHours(model) {
  const groups = model.groups.map((g) => ({
    days: g.days,
    allDay: g.allDay,
    ranges: g.ranges.map((r) => ({ from: normalizeTime(r.from), until: midnightAsEnd(normalizeTime(r.until, true)) })),
  }));
  if (!groups.length) return '';
  const everyDay = groups.length === 1 && groups[0].days.length === 7 && groups[0].allDay;
  const rules = everyDay ? ['24/7']
    : groups.map((g) => `${g.days.length === 7 ? 'Mo-Su' : formatDays(g.days)} ${formatRanges(g)}`);
  const work = model.makeUp && !everyDay ? workdayGroup({ groups }) : null;
  if (work && model.phOff && isWorkWeek(groups)) return `WD ${formatRanges(work)}`;
  if (work) rules.push(`WD Sa,Su ${formatRanges(work)}`);
  if (model.phOff) rules.push('PH off');
  return rules.join('; ');
}

// One group of Monday to Friday, no range past midnight: with both boxes
// ticked it is exactly warmcity's `WD` (official working days), written so.
function isWorkWeek(groups) {
  return groups.length === 1 && formatDays(groups[0].days) === 'Mo-Fr'
    && (groups[0].allDay || groups[0].ranges.every((r) => r.until === '24:00' || r.until > r.from));
}

// 'Mo-Fr', 'Sa,Su', 'Sa-Mo', 'mo,we-fr' → [1..7] sorted; null otherwise.
export function parseDays(text) {
  const days = new Set();
  for (const part of text.split(',')) {
    const m = /^\s*([a-z]{2})\s*(?:-\s*([a-z]{2})\s*)?$/i.exec(part);
    if (!m) return null;
    const a = DAY_CODES.findIndex((c) => c.toLowerCase() === m[1].toLowerCase()) + 1;
    const b = m[2] ? DAY_CODES.findIndex((c) => c.toLowerCase() === m[2].toLowerCase()) + 1 : a;
    if (!a || !b) return null;
    for (let d = a; ; d = d % 7 + 1) { days.add(d); if (d === b) break; }
  }
  return [...days].sort((x, y) => x - y);
}

// '08:00-12:00,13:30-17:30' → ranges; null unless every range is HH:MM-HH:MM
// with an end of at most 24:00 that differs from its start.
function parseRanges(text) {
  const ranges = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) return null;
    const from = normalizeTime(m[1]);
    const until = normalizeTime(m[2], true);
    if (!from || !until || from === until) return null;
    ranges.push({ from, until: midnightAsEnd(until) });
  }
  return ranges;
}

const sameRanges = (a, b) => a.length === b.length && a.every((r, i) => r.from === b[i].from && r.until === b[i].until);

// The boxes of `expr`, or null when the boxes cannot say it.
export function readHours(expr) {
  const model = { groups: [], phOff: false, makeUp: false };
  const text = String(expr ?? '').trim();
  if (!text) return model;
  if (/[|"]/.test(text)) return null;
  const rules = text.split(';').map((r) => r.trim());
  const workWeek = /^wd\s+(\d.*)$/i.exec(rules[0]);
  if (workWeek) {  // 'WD 09:00-12:00' (and a redundant '; PH off'): Mo-Fr, PH off, make-up days open
    const ranges = parseRanges(workWeek[1]);
    const rest = rules.slice(1).filter((r) => r);
    if (!ranges || !(rest.length === 0 || (rest.length === 1 && /^ph\s+(off|closed)$/i.test(rest[0])))) return null;
    const group = groupOf([1, 2, 3, 4, 5], ranges);
    return isWorkWeek([group]) ? { groups: [group], phOff: true, makeUp: true } : null;
  }
  let stage = 0;  // 0: groups, 1: after the make-up rule, 2: after PH off
  const taken = new Set();
  for (const [i, rule] of rules.entries()) {
    if (!rule) { if (i === rules.length - 1 && i > 0) continue; return null; }
    if (/^ph\s+(off|closed)$/i.test(rule)) {
      if (stage === 2 || !model.groups.length) return null;
      model.phOff = true;
      stage = 2;
      continue;
    }
    const makeUp = /^wd\s+sa\s*,\s*su\s+(.+)$/i.exec(rule);
    if (makeUp) {
      const work = workdayGroup(model);
      const ranges = parseRanges(makeUp[1]);
      if (stage !== 0 || !work || !ranges) return null;
      const allDay = ranges.length === 1 && ranges[0].from === '00:00' && ranges[0].until === '24:00';
      if (allDay !== work.allDay || (!allDay && !sameRanges(ranges, work.ranges))) return null;
      model.makeUp = true;
      stage = 1;
      continue;
    }
    if (stage !== 0) return null;
    if (rule === '24/7') {
      if (model.groups.length) return null;
      model.groups.push({ days: [1, 2, 3, 4, 5, 6, 7], allDay: true, ranges: [] });
      for (let d = 1; d <= 7; d++) taken.add(d);
      continue;
    }
    const m = /^([a-z]{2}(?:\s*[-,]\s*[a-z]{2})*)\s+(\d.*)$/i.exec(rule);
    const days = m && parseDays(m[1]);
    const ranges = m && parseRanges(m[2]);
    if (!days || !ranges || days.some((d) => taken.has(d))) return null;
    for (const d of days) taken.add(d);
    model.groups.push(groupOf(days, ranges));
  }
  return model;
}

function groupOf(days, ranges) {
  const allDay = ranges.length === 1 && ranges[0].from === '00:00' && ranges[0].until === '24:00';
  return { days, allDay, ranges: allDay ? [] : ranges };
}


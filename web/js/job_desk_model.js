// The job posts' staff screens' pure parts (issue 18; screens/job_desk.js,
// job_reviews.js, job_complaints.js): the lists' closed values, pay typed in
// 元 and sent in fen (js/team_money.js: string arithmetic), a post's body from
// the form's values with what the server would refuse about the pay said
// first, when a review needs a note, and a post's text split into runs with
// the reviewer's flags marked. Pure; no DOM.
import { fenToYuan, yuanToFen } from './team_money.js';

export { fenToYuan, yuanToFen };

// The desk's tabs (GET /job-posts?status=), in the order a publisher works.
export const STATUSES = ['pending', 'published', 'rejected', 'expired', 'withdrawn'];
// What a flag says a post requires (the server's `flags[].kind`).
export const FLAG_KINDS = ['sex', 'ethnicity', 'religion', 'health', 'origin'];
// The post's texts a flag may name (`flags[].field`), in the order shown.
export const TEXT_FIELDS = ['title', 'conditions', 'duties', 'place'];
export const REASONS = ['discrimination', 'false_info', 'fee_charged', 'expired', 'other'];
export const OUTCOMES = ['post_withdrawn', 'no_action'];

// A post as the form holds it: every text field as typed, pay in 元.
export function postValues(post = null) {
  const v = (x) => (x === null || x === undefined ? '' : String(x));
  return {
    employer_id: v(post?.employer?.id), title: v(post?.title), headcount: v(post?.headcount),
    conditions: v(post?.conditions), duties: v(post?.duties), place: v(post?.place), area_id: v(post?.area?.id),
    pay_min: post ? fenToYuan(post.pay_min_fen) : '', pay_max: post ? fenToYuan(post.pay_max_fen) : '',
    hours: v(post?.hours), contact_name: v(post?.contact_name), contact_phone: v(post?.contact_phone),
    valid_until: v(post?.valid_until),
  };
}

// The body of POST / PUT /jobs from the form's values → {body, errors}:
// `errors` ([{field, problem}], problem ∈ 'pay_bad', 'pay_order') are the pay
// the screen says before sending (an amount that is not 元, min over max);
// everything else is the server's to judge (its 422 names the field).
export function postBody(values) {
  const errors = [];
  const min = yuanToFen(values.pay_min);
  const max = yuanToFen(values.pay_max);
  if (min === null || min === 0) errors.push({ field: 'pay_min_fen', problem: 'pay_bad' });
  if (max === null || max === 0) errors.push({ field: 'pay_max_fen', problem: 'pay_bad' });
  if (!errors.length && min > max) errors.push({ field: 'pay_max_fen', problem: 'pay_order' });
  const int = (s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim());
  const body = {
    employer_id: values.employer_id === '' ? null : Number(values.employer_id),
    title: values.title.trim(), headcount: int(values.headcount),
    conditions: values.conditions.trim(), duties: values.duties.trim(), place: values.place.trim(),
    area_id: values.area_id === '' ? null : Number(values.area_id),
    pay_min_fen: min, pay_max_fen: max, hours: values.hours.trim(),
    contact_name: values.contact_name.trim(), contact_phone: values.contact_phone.trim(),
    valid_until: values.valid_until,
  };
  return { body, errors };
}

// A review's note is required to reject, and to approve a flagged post.
export const noteNeeded = (decision, post) => decision === 'reject' || (post?.flags?.length ?? 0) > 0;

// The runs of `text` with the flags of `field` marked: [{text, flag?,
// flags?}], their texts joined giving `text` back. Every occurrence of a
// flag's term is marked; occurrences that overlap ("限男" and "男性" in
// "限男性") are marked as one run, `flag` the first of its `flags`.
export function flagRuns(text, flags = [], field = null) {
  const s = String(text ?? '');
  const mine = flags.filter((f) => f.term && (field === null || f.field === field));
  const spans = [];
  for (const f of mine) {
    for (let at = s.indexOf(f.term); at >= 0; at = s.indexOf(f.term, at + 1)) spans.push({ from: at, to: at + f.term.length, f });
  }
  spans.sort((a, b) => a.from - b.from || b.to - a.to);
  const merged = [];
  for (const x of spans) {
    const last = merged.at(-1);
    if (last && x.from < last.to) {
      last.to = Math.max(last.to, x.to);
      if (!last.flags.includes(x.f)) last.flags.push(x.f);
    } else {
      merged.push({ from: x.from, to: x.to, flags: [x.f] });
    }
  }
  const runs = [];
  let plain = 0;
  for (const m of merged) {
    if (m.from > plain) runs.push({ text: s.slice(plain, m.from) });
    runs.push({ text: s.slice(m.from, m.to), flag: m.flags[0], flags: m.flags });
    plain = m.to;
  }
  if (plain < s.length || !runs.length) runs.push({ text: s.slice(plain) });
  return runs;
}

// The kinds a post's flags name, each once, in FLAG_KINDS order.
export const flagKinds = (flags = []) => FLAG_KINDS.filter((k) => flags.some((f) => f.kind === k));

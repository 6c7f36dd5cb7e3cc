// The nobody-answers escalation on a visit card of the team phone view
// (js/team_visit.js, issue 16): the clock since nobody answered and whether
// its time (30 minutes by default) has passed, the steps already taken, and
// the NEXT step as big buttons — each emergency contact in turn (reached /
// not reached), then the community duty phone, then how she was found —
// each saved as POST /api/v1/visits/{id}/escalation; the card is drawn
// again at the next step. Only what the visit list and her record already
// give the team is shown (the contact's name, relation and phone).
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { when } from './format.js';
import { problemText } from './team_fields.js';

export const RESOLUTIONS = ['found_well', 'found_needing_help', 'other'];

// The visit of an open escalation (the due item's `visit_id`), read from
// her visit list (newest first; a few pages at most); null if not found.
export async function escalationVisit(item) {
  let cursor;
  for (let page = 0; page < 5; page += 1) {
    let list;
    try { list = await api(`/elders/${item.elder.id}/visits`, { query: { limit: 50, cursor } }); } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
      throw err;
    }
    const visit = list.items.find((v) => v.id === item.visit_id);
    if (visit) return visit;
    if (!list.next_cursor) return null;
    cursor = list.next_cursor;
  }
  return null;
}

// "儿子 张建国 · 138…" for the contact at `index` of her record, or "第 n 位".
function contactWho(elder, index) {
  const c = elder?.emergency_contacts?.[index];
  if (!c) return t('today.esc.contact_n', { n: index + 1 });
  return [c.relation, c.name].filter(Boolean).join(' ');
}

function contactPhone(elder, index) {
  const p = elder?.emergency_contacts?.[index]?.phone;
  if (!p) return null;
  return /\*/.test(p) ? h('p', {}, p)
    : h('p', {}, h('a', { class: 'today-tel', href: 'tel:' + p.replace(/[^\d+]/g, '') }, p));
}

function stepLine(elder, s) {
  const who = s.kind === 'contact' ? t('today.esc.contact', { who: contactWho(elder, s.contact_index) })
    : t('today.esc.kind.' + s.kind);
  return h('li', {}, `${who}：${t('today.esc.result.' + s.result)}（${when(s.at)}）`);
}

// The problem of a step the server refused, in words.
function stepProblem(err) {
  if (err instanceof ApiError && err.status === 409) return t('today.esc.conflict', { detail: err.message });
  if (err instanceof ApiError && err.status === 422) {
    const list = (err.problem.errors || []).map((x) => `${x.field}: ${x.message}`);
    return t('today.esc.invalid', { detail: list.join('；') || err.message });
  }
  return problemText(err);
}

// The block for `visit` (with its `escalation`), `at` the server's time of
// the due list, `elder` her record or null; `done(message)` redraws.
export function escalationBlock(visit, at, elder, done) {
  const esc = visit.escalation;
  const id = `esc-${visit.id}`;
  const status = h('p', { role: 'status', id: id + '-status', tabindex: '-1' });
  const now = Date.parse(at) || Date.now();
  const minutes = Math.max(0, Math.floor((now - Date.parse(visit.visited_at)) / 60000));
  const limit = Math.round((Date.parse(esc.deadline) - Date.parse(visit.visited_at)) / 60000);
  const passed = esc.overdue || now >= Date.parse(esc.deadline);
  const clock = h('p', { class: 'today-state', id: id + '-clock', dataset: { minutes, passed: passed ? '1' : '0' } },
    t('today.esc.clock', { n: minutes }), ' ',
    passed ? h('span', { class: 'badge urgency-overdue' }, t('today.esc.passed', { n: limit }))
      : t('today.esc.left', { n: limit, when: when(esc.deadline, now) }));
  const buttons = [];
  const send = async (kind, result, label) => {
    for (const b of buttons) b.disabled = true;
    status.classList.remove('error');
    status.textContent = t('today.saving');
    try {
      await api(`/visits/${visit.id}/escalation`, { method: 'POST', json: { kind, result } });
      await done(t('today.esc.saved', { step: label, result: t('today.esc.result.' + result) }));
    } catch (err) {
      status.classList.add('error');
      status.textContent = stepProblem(err);
      status.focus();
      for (const b of buttons) b.disabled = false;
    }
  };
  const group = (kind, label, results, extra) => {
    const gid = `${id}-${kind}`;
    const row = results.map((r) => {
      const b = h('button', { type: 'button', class: 'today-next', id: `${gid}-${r}`, dataset: { kind, result: r } },
        t('today.esc.result.' + r));
      b.addEventListener('click', () => send(kind, r, label));
      buttons.push(b);
      return b;
    });
    return h('div', { role: 'group', class: 'today-esc-step', id: gid, 'aria-labelledby': gid + '-label' },
      h('p', { class: 'today-state', id: gid + '-label' }, label), extra, row);
  };
  const next = esc.next_steps || [];
  const contacts = esc.steps.filter((s) => s.kind === 'contact').length;
  const parts = [];
  if (next.includes('contact')) {
    parts.push(group('contact', t('today.esc.contact', { who: contactWho(elder, contacts) }),
      ['reached', 'not_reached'], contactPhone(elder, contacts)));
  } else if (next.includes('duty_phone')) {
    parts.push(group('duty_phone', t('today.esc.kind.duty_phone'), ['reached', 'not_reached'], null));
  }
  if (next.includes('resolved')) parts.push(group('resolved', t('today.esc.kind.resolved'), RESOLUTIONS, null));
  return h('section', { class: 'today-esc', id, dataset: { visit: visit.id, next: next.join(' ') }, 'aria-labelledby': id + '-title' },
    h('h4', { id: id + '-title' }, t('today.esc.heading')),
    clock,
    esc.steps.length ? h('ul', { class: 'today-work', id: id + '-steps' }, esc.steps.map((s) => stepLine(elder, s))) : null,
    parts, status);
}

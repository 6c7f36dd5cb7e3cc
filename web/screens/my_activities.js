// #/my/activities — 我的活动: a signed-in resident's sign-ups (GET
// /my/activity-signups?scope=upcoming|past), each with its date and time in
// words, its state (已报名 with the door code / 排队中 第 N 位 / an offer to
// accept / cancelled) and a link to its date's page; then 订阅到我的日历:
// POST /my/calendar-feed makes a secret link (shown with a copy button and
// the warning that a new link stops the old one). Signed out: sent to sign
// in and back. Data is text only (dom.js h()).
import { api, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { problemText, signupState, whenWords } from '../js/activities_model.js';

function mineRow(s) {
  const o = s.occurrence || {};
  const state = signupState(s);
  const title = s.title ?? o.title ?? s.activity?.title ?? '';
  return h('li', { class: 'result act-mine', dataset: { id: s.id, status: s.status } },
    h('a', { class: 'result-name', href: `#/activities/o/${s.occurrence_id}` }, title),
    o.starts_at && h('p', { class: 'act-when' }, whenWords(o.starts_at, o.ends_at)),
    (o.venue_name || o.address) && h('p', { class: 'act-where' }, o.venue_name || o.address),
    h('p', { class: 'act-state' }, h('span', { class: 'badge' }, t(state.key, state.params)),
      s.status === 'confirmed' && s.code ? [' ', h('span', { class: 'act-code', lang: 'en' }, t('act.my_code', { code: s.code }))] : '',
      s.attendance === 'attended' ? ` · ${t('act.attended')}` : s.attendance === 'no_show' ? ` · ${t('act.no_show')}` : ''),
    o.status === 'cancelled' && h('p', { class: 'error' }, t('act.date_cancelled'), o.cancel_note ? ` ${t('act.cancelled_note', { note: o.cancel_note })}` : ''));
}

async function mineSection(scope) {
  const heading = h('h2', { id: `act-${scope}-title` }, t(scope === 'upcoming' ? 'act.my_upcoming' : 'act.my_past'));
  const box = h('section', { class: 'card', 'aria-labelledby': `act-${scope}-title` }, heading);
  try {
    const body = await api('/my/activity-signups', { query: { scope } });
    const items = body.items || [];
    box.append(items.length ? h('ul', { class: 'result-list', id: `act-${scope}` }, items.map(mineRow))
      : h('p', { id: `act-${scope}-none` }, t(scope === 'upcoming' ? 'act.my_none_upcoming' : 'act.my_none_past')));
  } catch (e) {
    box.append(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
  return box;
}

function calendarSection() {
  const status = h('p', { role: 'status', id: 'act-feed-status' });
  const linkBox = h('div', { id: 'act-feed' });
  const make = h('button', { type: 'button', id: 'act-feed-make' }, t('act.calendar_make'));
  make.addEventListener('click', async () => {
    make.disabled = true;
    status.textContent = '';
    try {
      const { url } = await api('/my/calendar-feed', { method: 'POST', json: {} });
      const full = new URL(url, location.origin).href;
      const field = h('input', { type: 'text', id: 'act-feed-url', readonly: true, value: full, lang: 'en' });
      const copy = h('button', { type: 'button', class: 'secondary', id: 'act-feed-copy', onclick: async () => {
        try {
          await navigator.clipboard.writeText(full);
          status.textContent = t('act.calendar_copied');
        } catch {
          field.select();
          status.textContent = t('act.calendar_copy_failed');
        }
      } }, t('act.calendar_copy'));
      linkBox.replaceChildren(h('label', { for: 'act-feed-url' }, t('act.calendar_link')), field, copy);
      make.textContent = t('act.calendar_new');
      field.focus();
    } catch (e) {
      status.textContent = problemText(e);
    }
    make.disabled = false;
  });
  return h('section', { class: 'card', 'aria-labelledby': 'act-feed-title' },
    h('h2', { id: 'act-feed-title' }, t('act.calendar_heading')),
    h('p', {}, t('act.calendar_intro')),
    h('p', { class: 'note', id: 'act-feed-warning' }, t('act.calendar_warning')),
    make, linkBox, status);
}

export async function render(view) {
  const user = await me();
  view.append(h('h1', {}, t('act.my_heading')));
  if (!user) {
    view.append(h('p', {}, t('act.my_sign_in_why')),
      h('p', {}, h('a', { class: 'button', id: 'act-signin', href: '#/signin?next=' + encodeURIComponent('#/my/activities') }, t('mine.sign_in'))));
    return;
  }
  if (user.role !== 'resident') {
    view.append(h('p', {}, t('act.staff_note'), ' ', h('a', { href: '#/staff' }, t('nav.staff'))));
    return;
  }
  const [upcoming, past] = await Promise.all([mineSection('upcoming'), mineSection('past')]);
  view.append(h('p', {}, h('a', { href: '#/activities', id: 'act-to-list' }, t('act.to_list'))), upcoming, calendarSection(), past);
}

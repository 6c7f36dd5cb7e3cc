// #/staff/activities?status=active|cancelled — the organisers' activities
// (issue 18, service 8) for organiser staff and admins: the caller's
// organisers' activities, newest first (GET /organiser-activities; tabs 进行中
// / 已取消), each a link to its page (screens/activity_edit.js), and 新建活动:
// the activity's form (js/activity_desk_view.js) — the organiser chosen when
// the caller organises for several (GET /activity-organisers), a venue
// (GET /facilities?kind=venue) or an address, the first date and time, the
// length in minutes or an end time, the repeat with its end. A clash (409)
// lists the clashing dates in words with 跳过冲突日期并创建 (sent again with
// skip_clashes); a 422 is said by its field; one request at a time.
import { allPages, api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { formErrors } from '../js/care_form.js';
import { oneAtATime } from '../js/job_post_view.js';
import { activityBody, TABS } from '../js/activity_desk_model.js';
import { activityFields, clashBox, codeOf, fieldErrors, itemsOf, refusedText, repeatText } from '../js/activity_desk_view.js';

function newForm(choices, done, cancel) {
  const fields = activityFields(null, choices);
  const summary = h('div', { tabindex: '-1', id: 'act-errors' });
  const clashes = h('div', { id: 'act-clash-box' });
  const form = h('form', { id: 'act-form', class: 'card', novalidate: true, 'aria-labelledby': 'act-form-title' },
    h('h2', { id: 'act-form-title', tabindex: '-1' }, t('actdesk.new')),
    fields.nodes, summary, clashes,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'act-save' }, t('actdesk.save_new')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'act-cancel', onclick: cancel }, t('actdesk.close'))));
  const errors = formErrors(form, summary, 'act');
  const save = async (skipClashes) => {
    errors.clear();
    clashes.replaceChildren();
    const { body, errors: before } = activityBody(fields.values(), { skipClashes });
    if (before.length) return errors.show(before.map((x) => ({ field: x.field, message: t('actdesk.' + x.problem) })), t('actdesk.not_saved'));
    try {
      await done(await api('/activities', { method: 'POST', json: body }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('actdesk.not_saved'));
      else if (err instanceof ApiError && err.status === 409 && codeOf(err) === 'clash') {
        clashes.append(clashBox('act-clash', err.problem.clashes || [], () => oneAtATime(form, () => save(true),
          [...form.querySelectorAll('button[type="submit"]'), clashes.querySelector('button')]), t('actdesk.skip_and_create')));
        clashes.querySelector('button').focus();
      } else if (err instanceof ApiError && err.status === 403) errors.show([], t('actdesk.forbidden_organiser'));
      else errors.show([], refusedText(err));
    }
    return undefined;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, () => save(false));
  });
  return form;
}

function activityItem(a) {
  const where = a.venue ? a.venue.name : a.address;
  return h('li', { class: 'card act-item', dataset: { activity: a.id, status: a.status } },
    h('h3', {}, h('a', { href: `#/staff/activities/${a.id}`, id: `act-link-${a.id}` }, a.title)),
    h('p', {}, h('span', { class: 'badge' }, t('actdesk.kind.' + a.kind)), ' ', a.organiser?.name ?? '', ' · ', where || ''),
    h('p', {}, t('actdesk.time_of', { day: a.first_date, start: a.start_time, minutes: a.duration_minutes }), ' · ', repeatText(a),
      ' · ', t('actdesk.capacity_of', { n: a.capacity })),
    a.status === 'cancelled' && h('p', { class: 'note' }, t('actdesk.cancelled_note', { note: a.cancel_note || '' })));
}

export async function render(view, params, query) {
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff', class: 'back' }, '‹ ' + t('actdesk.back'))), h('h1', {}, t('actdesk.heading')));
  if (!user) {
    view.append(signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  const status = TABS.includes(query.get('status')) ? query.get('status') : 'active';
  let first;
  try {
    first = await api('/organiser-activities', { query: { status } });
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    view.append(h('p', { class: 'error', id: 'act-forbidden', role: 'alert' }, t('actdesk.forbidden')));
    return;
  }
  const [organisers, venues, communities] = await Promise.all([
    api('/activity-organisers').then(itemsOf).catch(() => []),
    allPages('/facilities', { kind: 'venue' }).catch(() => []),
    api('/areas/communities').then(itemsOf).catch(() => [])]);
  const list = h('ul', { class: 'plain', id: 'act-list', 'aria-labelledby': 'act-list-title' });
  const flash = h('p', { role: 'status', id: 'act-status', tabindex: '-1' });
  const say = (message) => { flash.replaceChildren(message); flash.focus(); };
  const draw = (answer) => {
    const items = itemsOf(answer);
    list.replaceChildren();
    fill(list, items.map(activityItem));
    if (!items.length) list.append(h('li', { id: 'act-none' }, t('actdesk.none.' + status)));
  };
  const formBox = h('div', { id: 'act-form-box' });
  const newButton = h('button', { type: 'button', id: 'act-new' }, t('actdesk.new'));
  const closeForm = () => { formBox.replaceChildren(); newButton.focus(); };
  newButton.addEventListener('click', () => {
    formBox.replaceChildren(newForm({ organisers, venues, communities }, async (made) => {
      formBox.replaceChildren();
      const skipped = made.skipped || [];
      say(h('span', {}, t('actdesk.created', { title: made.activity.title, n: (made.occurrences || []).length }), ' ',
        skipped.length ? t('actdesk.created_skipped', { dates: skipped.map((s) => s.date).join('、') }) : '', ' ',
        h('a', { href: `#/staff/activities/${made.activity.id}`, id: 'act-made-link' }, t('actdesk.open_made'))));
      if (status === 'active') draw(await api('/organiser-activities', { query: { status } }));
    }, closeForm));
    formBox.querySelector('h2').focus();
  });
  view.append(
    h('nav', { class: 'jobdesk-tabs', 'aria-label': t('actdesk.tabs') }, TABS.map((s) => h('a', {
      href: `#/staff/activities?status=${s}`, id: `act-tab-${s}`, 'aria-current': s === status ? 'page' : null }, t('actdesk.tab.' + s)))),
    h('p', {}, newButton), formBox, flash,
    h('section', { 'aria-labelledby': 'act-list-title' }, h('h2', { id: 'act-list-title' }, t('actdesk.list_of', { status: t('actdesk.tab.' + status) })),
      list));
  draw(first);
  view.dataset.ready = '1';
}

// #/staff/activities/:id — one activity for its organiser staff and admins
// (issue 18, service 8): its facts, its series' editable fields (PUT
// /activities/{id} with only what changed: a clash is listed in words with
// 跳过冲突日期并保存, a capacity below the places held is said with its
// dates), 取消整个活动 with a note and a confirm step, and its dates — each
// with places taken / capacity and how many wait, its own edit (date, time,
// length, capacity: PUT /activity-occurrences/{id}), its cancel with a note,
// and a link to its door list (screens/activity_door.js). One request at a
// time on every form.
import { allPages, api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { fieldBox, formErrors } from '../js/care_form.js';
import { oneAtATime } from '../js/job_post_view.js';
import { occurrenceBody, occurrenceValues, seriesBody, started } from '../js/activity_desk_model.js';
import {
  activityFacts, activityFields, belowTakenText, clashBox, codeOf, fieldErrors, placesText, refusedText, whenText,
} from '../js/activity_desk_view.js';

// A 409 in words (clash aside): capacity below the places held, cancelled, started.
function conflictText(err) {
  const code = codeOf(err);
  if (code === 'capacity_below_taken') return belowTakenText(err);
  if (['occurrence_cancelled', 'activity_cancelled', 'already_cancelled'].includes(code)) return t('actdesk.already_cancelled');
  if (code === 'occurrence_started') return t('actdesk.already_started');
  return t('actdesk.conflict', { detail: err.message });
}

function seriesForm(a, choices, done) {
  const fields = activityFields(a, { ...choices, series: true });
  const summary = h('div', { tabindex: '-1', id: 'act-edit-errors' });
  const clashes = h('div', { id: 'act-edit-clash-box' });
  const form = h('form', { id: 'act-edit-form', class: 'card', novalidate: true, 'aria-labelledby': 'act-edit-heading' },
    h('h2', { id: 'act-edit-heading' }, t('actdesk.edit_series')), h('p', { class: 'note' }, t('actdesk.edit_series_note')),
    fields.nodes, summary, clashes, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'act-edit-save' }, t('actdesk.save_edit'))));
  const errors = formErrors(form, summary, 'act-edit');
  const save = async (skipClashes) => {
    errors.clear();
    clashes.replaceChildren();
    const { body, errors: before } = seriesBody(fields.values(), a, { skipClashes });
    if (before.length) return errors.show(before.map((x) => ({ field: x.field, message: t('actdesk.' + x.problem) })), t('actdesk.not_saved'));
    if (!Object.keys(body).length) return errors.show([], t('actdesk.nothing_changed'));
    try {
      await done(await api(`/activities/${a.id}`, { method: 'PUT', json: body }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('actdesk.not_saved'));
      else if (err instanceof ApiError && err.status === 409 && codeOf(err) === 'clash') {
        clashes.append(clashBox('act-edit-clash', err.problem.clashes || [], () => oneAtATime(form, () => save(true),
          [...form.querySelectorAll('button[type="submit"]'), clashes.querySelector('button')]), t('actdesk.skip_and_save')));
        clashes.querySelector('button').focus();
      } else if (err instanceof ApiError && err.status === 409) errors.show([], conflictText(err));
      else errors.show([], refusedText(err));
    }
    return undefined;
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); oneAtATime(form, () => save(false)); });
  return form;
}

// A note and a confirm button that posts it to `path` (the series' or one date's cancel).
function cancelForm(id, path, labels, done) {
  const note = h('textarea', { rows: 2, maxlength: 200 });
  const summary = h('div', { tabindex: '-1', id: `${id}-errors` });
  const form = h('form', { id, class: 'act-cancel', hidden: true, novalidate: true, 'aria-label': labels.title },
    fieldBox(`${id}-note`, 'note', t('actdesk.cancel_note'), note, labels.hint), summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', class: 'danger', id: `${id}-confirm` }, labels.confirm)));
  const errors = formErrors(form, summary, id);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!note.value.trim()) return errors.show([{ field: 'note', message: t('actdesk.cancel_note_needed') }], t('actdesk.not_saved'));
    return oneAtATime(form, async () => {
      try {
        await done(await api(path, { method: 'POST', json: { note: note.value.trim() } }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('actdesk.not_saved'));
        else if (err instanceof ApiError && err.status === 409) errors.show([], conflictText(err));
        else errors.show([], refusedText(err));
      }
    });
  });
  const open = h('button', { type: 'button', class: 'secondary', id: `${id}-open`, 'aria-expanded': 'false' }, labels.open);
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) note.focus();
  });
  return { open, form };
}

function dateForm(o, done) {
  const v = occurrenceValues(o);
  const id = `occ-${o.id}`;
  const f = {
    date: h('input', { type: 'date', value: v.date }), start_time: h('input', { type: 'time', value: v.start_time }),
    duration_minutes: h('input', { type: 'text', inputmode: 'numeric', value: v.duration_minutes }),
    capacity: h('input', { type: 'text', inputmode: 'numeric', value: v.capacity }),
  };
  const summary = h('div', { tabindex: '-1', id: `${id}-errors` });
  const clashes = h('div', {});
  const form = h('form', { id: `${id}-form`, class: 'act-date-form', hidden: true, novalidate: true, 'aria-label': t('actdesk.edit_date_of', { date: o.date }) },
    Object.entries(f).map(([k, el]) => fieldBox(`${id}-${k.replace(/_/g, '-')}`, k, t('actdesk.f.' + (k === 'date' ? 'date' : k)), el)),
    summary, clashes, h('p', { class: 'buttons' }, h('button', { type: 'submit', id: `${id}-save` }, t('actdesk.save_date'))));
  const errors = formErrors(form, summary, id);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    errors.clear();
    clashes.replaceChildren();
    const body = occurrenceBody(Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])), o);
    if (!Object.keys(body).length) { errors.show([], t('actdesk.nothing_changed')); return; }
    oneAtATime(form, async () => {
      try {
        await done(await api(`/activity-occurrences/${o.id}`, { method: 'PUT', json: body }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err), t('actdesk.not_saved'));
        else if (err instanceof ApiError && err.status === 409 && codeOf(err) === 'clash') {
          clashes.append(clashBox(`${id}-clash`, err.problem.clashes || [], null));
          errors.show([], t('actdesk.date_clash'));
        } else if (err instanceof ApiError && err.status === 409) errors.show([], conflictText(err));
        else errors.show([], refusedText(err));
      }
    });
  });
  return form;
}

function dateItem(o, reload, say) {
  const live = o.status === 'scheduled' && !started(o);  // a started date is kept as it was
  const edit = live ? dateForm(o, async () => { say(t('actdesk.date_saved', { date: o.date })); await reload(); }) : null;
  const editOpen = live ? h('button', { type: 'button', class: 'secondary', id: `occ-${o.id}-edit`, 'aria-expanded': 'false' }, t('actdesk.edit_date')) : null;
  editOpen?.addEventListener('click', () => {
    edit.hidden = !edit.hidden;
    editOpen.setAttribute('aria-expanded', String(!edit.hidden));
    if (!edit.hidden) edit.querySelector('input').focus();
  });
  const cancel = live ? cancelForm(`occ-${o.id}-cancel`, `/activity-occurrences/${o.id}/cancel`, {
    title: t('actdesk.cancel_date_of', { date: o.date }), hint: t('actdesk.cancel_date_hint'), open: t('actdesk.cancel_date'),
    confirm: t('actdesk.cancel_date_confirm'),
  }, async () => { say(t('actdesk.date_cancelled', { date: o.date })); await reload(); }) : null;
  return h('li', { class: 'card act-date', id: `occ-${o.id}`, dataset: { occurrence: o.id, status: o.status } },
    h('h3', {}, whenText(o), ' ', h('span', { class: 'badge' }, t('actdesk.occ_status.' + o.status))),
    o.status === 'scheduled' && h('p', {}, h('span', { class: 'act-places' }, placesText(o)), ' · ',
      h('span', { class: 'act-waiting' }, t('actdesk.waiting', { n: o.waiting ?? 0 })), o.detached ? [' · ', t('actdesk.detached')] : null),
    o.status === 'cancelled' && o.cancel_note && h('p', { class: 'note' }, t('actdesk.cancelled_note', { note: o.cancel_note })),
    h('p', { class: 'buttons' }, h('a', { href: `#/staff/activity-occurrences/${o.id}`, id: `occ-${o.id}-door` }, t('actdesk.door_link')),
      editOpen && [' ', editOpen], cancel && [' ', cancel.open]),
    edit, cancel?.form);
}

export async function render(view, params, query) {
  const user = await me();
  view.append(h('p', {}, h('a', { href: '#/staff/activities', class: 'back' }, '‹ ' + t('actdesk.back_list'))));
  if (!user) {
    view.append(h('h1', {}, t('actdesk.heading')),
      signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return;
  }
  let shown;
  try {
    shown = await api(`/activities/${encodeURIComponent(params.id)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    view.append(h('h1', {}, t('actdesk.heading')), h('p', { class: 'error', id: 'act-missing', role: 'alert' }, t('actdesk.missing')));
    return;
  }
  const a = shown.activity;
  // Every page of venues (as the desk reads them), and always the activity's own: a venue missing
  // from the select would read '' and each save would send venue_id: null.
  const venues = await allPages('/facilities', { kind: 'venue' }).catch(() => []);
  if (a.venue && !venues.some((x) => String(x.id) === String(a.venue.id))) venues.unshift(a.venue);
  const flash = h('p', { role: 'status', id: 'act-status', tabindex: '-1' });
  const say = (message) => { flash.textContent = message; flash.focus(); };
  const body = h('div', { id: 'act-body' });
  const reload = async () => {
    const fresh = await api(`/activities/${a.id}`);
    body.replaceChildren();
    fill(body, page(fresh));  // fill() skips the parts not shown (false), append would write them
  };
  const page = ({ activity, occurrences }) => {
    const live = activity.status !== 'cancelled';
    const cancel = live ? cancelForm('act-cancel', `/activities/${activity.id}/cancel`, {
      title: t('actdesk.cancel_series_of', { title: activity.title }), hint: t('actdesk.cancel_series_hint'),
      open: t('actdesk.cancel_series'), confirm: t('actdesk.cancel_series_confirm'),
    }, async () => { say(t('actdesk.series_cancelled', { title: activity.title })); await reload(); }) : null;
    return [
      h('h1', { id: 'act-title' }, activity.title),
      h('p', {}, h('span', { class: 'badge', id: 'act-status-badge' }, t('actdesk.status.' + activity.status)), ' ',
        h('a', { href: `#/activities/${activity.id}` }, t('actdesk.public_page'))),
      activity.status === 'cancelled' && h('p', { class: 'note' }, t('actdesk.cancelled_note', { note: activity.cancel_note || '' })),
      activityFacts(activity),
      live && seriesForm(activity, { venues }, async (saved) => { say(t('actdesk.series_saved', { title: saved.activity?.title ?? saved.title ?? activity.title })); await reload(); }),
      h('section', { 'aria-labelledby': 'act-dates-title' }, h('h2', { id: 'act-dates-title' }, t('actdesk.dates', { n: occurrences.length })),
        occurrences.length ? h('ul', { class: 'plain', id: 'act-dates' }, occurrences.map((o) => dateItem(o, reload, say)))
          : h('p', { id: 'act-no-dates' }, t('actdesk.no_dates'))),
      cancel && h('section', { class: 'card', 'aria-labelledby': 'act-cancel-title' }, h('h2', { id: 'act-cancel-title' }, t('actdesk.cancel_series')),
        h('p', {}, cancel.open), cancel.form),
    ];
  };
  fill(body, page(shown));
  view.append(flash, body);
  view.dataset.ready = '1';
}

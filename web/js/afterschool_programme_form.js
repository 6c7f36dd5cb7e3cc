// The organiser's new after-school programme (docs/afterschool.md
// "Programmes"; screens/afterschool_desk.js): organiser when several, name,
// site (a facility of kind afterschool_site), weekdays as day chips, hours,
// capacity, term, 调休上班日也开班, and the staffing rule's three numbers (the
// adults it asks for said as typed); checked as the contract checks it
// (js/afterschool_model.js programmeBody), the server's 422 put by its
// field, one POST at a time. `done(programme)` after a 201.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldBox, formErrors } from './care_form.js';
import { oneAtATime } from './job_post_view.js';
import { adultsNeeded, LIMITS, programmeBody, programmeValues, WEEKDAYS } from './afterschool_model.js';
import { checkMessages, fieldErrors, refusalText } from './afterschool_words.js';

export function programmeForm({ organisers, sites }, done, close) {
  const v = programmeValues();
  const text = (attrs = {}) => h('input', { type: 'text', ...attrs });
  const f = {
    name: text({ maxlength: LIMITS.programme_name }),
    site_id: h('select', {}, h('option', { value: '' }, t('asdesk.site_pick')), sites.map((s) => h('option', { value: String(s.id) }, s.name))),
    start_time: h('input', { type: 'time', value: v.start_time }),
    end_time: h('input', { type: 'time', value: v.end_time }),
    capacity: text({ inputmode: 'numeric' }),
    term_start: h('input', { type: 'date' }),
    term_end: h('input', { type: 'date' }),
    min_adults: text({ inputmode: 'numeric', value: v.min_adults }),
    base_children: text({ inputmode: 'numeric', value: v.base_children }),
    per_extra_children: text({ inputmode: 'numeric', value: v.per_extra_children }),
  };
  if (organisers.length > 1) {
    f.organiser_org_id = h('select', {}, h('option', { value: '' }, t('asdesk.organiser_pick')), organisers.map((o) => h('option', { value: String(o.id) }, o.name)));
  }
  const box = (k, field = k, hint) => fieldBox(`as-p-${k.replace(/_/g, '-')}`, field, t('asdesk.f.' + k), f[k], hint);
  const days = h('fieldset', { id: 'as-p-weekdays', dataset: { for: 'weekdays' } }, h('legend', {}, t('asdesk.f.weekdays')),
    h('div', { class: 'day-chips' }, WEEKDAYS.map((d) => h('label', { class: 'day-chip', for: `as-p-wd-${d}` },
      h('input', { type: 'checkbox', id: `as-p-wd-${d}`, value: String(d), checked: v.weekdays.includes(d) }), t('weekday.' + d)))));
  const makeup = h('input', { type: 'checkbox', id: 'as-p-makeup' });
  const need = h('p', { class: 'note', id: 'as-p-need', 'aria-live': 'polite' });
  const summary = h('div', { tabindex: '-1', id: 'as-p-errors' });
  const form = h('form', { id: 'as-programme-form', class: 'card', novalidate: true, 'aria-labelledby': 'as-programme-title' },
    h('h2', { id: 'as-programme-title', tabindex: '-1' }, t('asdesk.new')),
    f.organiser_org_id && box('organiser_org_id'), box('name', 'name', t('asdesk.name_example')), box('site_id'), days,
    box('start_time'), box('end_time'), box('capacity', 'capacity', t('asdesk.capacity_hint', { max: LIMITS.capacity[1] })),
    box('term_start'), box('term_end', 'term_end', t('asdesk.term_hint', { days: LIMITS.term_days })),
    h('div', { class: 'field', dataset: { for: 'on_makeup_days' } },
      h('div', { class: 'choice' }, makeup, h('label', { for: 'as-p-makeup' }, t('asdesk.f.on_makeup_days')))),
    h('fieldset', { dataset: { for: 'staffing' } }, h('legend', {}, t('asdesk.f.staffing')),
      box('min_adults', 'staffing.min_adults'), box('base_children', 'staffing.base_children'),
      box('per_extra_children', 'staffing.per_extra_children'), need),
    summary,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', id: 'as-p-save' }, t('asdesk.save')), ' ',
      h('button', { type: 'button', class: 'secondary', id: 'as-p-close', onclick: close }, t('asdesk.close'))));
  const values = () => ({ ...v, ...Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])),
    weekdays: [...days.querySelectorAll('input:checked')].map((x) => Number(x.value)), on_makeup_days: makeup.checked });
  const show = () => {
    const { body, errors: bad } = programmeBody(values());
    const ok = !bad.some((x) => x.field.startsWith('staffing') || x.field === 'capacity');
    need.textContent = ok ? t('asdesk.need', { capacity: body.capacity, adults: adultsNeeded(body.capacity, body.staffing),
      min: body.staffing.min_adults, base: body.staffing.base_children, extra: body.staffing.per_extra_children }) : '';
  };
  form.addEventListener('input', show);
  show();
  const errors = formErrors(form, summary, 'as-p');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    oneAtATime(form, async () => {
      errors.clear();
      const { body, errors: before } = programmeBody(values());
      if (before.length) { errors.show(checkMessages(before), t('asdesk.not_saved')); return; }
      try {
        await done(await api('/afterschool-programmes', { method: 'POST', json: body }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) errors.show(fieldErrors(err, 'asdesk'), t('asdesk.not_saved'));
        else errors.show([], refusalText(err, 'asdesk'));
      }
    });
  });
  return form;
}

// A programme's day of duty for its organiser (docs/afterschool.md "Duty and
// volunteer hours"; the organiser's part of screens/afterschool_desk.js,
// who cannot read the roster: it holds the children): a date (today by
// default), GET …/days/{date}/duty → whether it has a session and when it
// ends, who was on duty (工作人员 / 志愿者) and its confirmation; once the
// session is over and nobody has confirmed it, 确认值守 → POST
// …/days/{date}/duty/confirm: the volunteers on it get the session's hours
// in their 志愿服务记录 and the list is fixed. Refusals in words. Data only
// as text.
import { api } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { oneAtATime } from './job_post_view.js';
import { clockOf, districtDay } from './afterschool_model.js';
import { refusalText } from './afterschool_words.js';

// Minutes as hours in words' numbers: 120 → "2", 90 → "1.5".
export const hoursOf = (minutes) => String(Math.round((Number(minutes) || 0) / 6) / 10);

// The confirmation in one line.
export function confirmedLine(c) {
  return t('asdesk.dc.confirmed', { at: `${c.date} ${clockOf(c.confirmed_at)}`, name: c.confirmed_by_name || '',
    adults: c.adults, volunteers: c.volunteers, hours: hoursOf(c.minutes) });
}

// The card of programme `id` (its session start_time..end_time in `p`).
export function dutyCard(p) {
  const id = p.id;
  const box = h('section', { class: 'card as-duty-card', id: `as-dc-${id}`, 'aria-labelledby': `as-dc-title-${id}` });
  const dateInput = h('input', { type: 'date', id: `as-dc-date-${id}`, value: districtDay(), max: districtDay() });
  const body = h('div', { id: `as-dc-body-${id}` });
  const say = h('p', { role: 'status', id: `as-dc-status-${id}`, tabindex: '-1' });
  const minutes = (() => {
    const m = (x) => { const [hh, mm] = String(x || '').split(':').map(Number); return hh * 60 + mm; };
    return m(p.end_time) - m(p.start_time);
  })();

  const draw = (d) => {
    body.replaceChildren();
    if (!d.open) return fill(body, h('p', { class: 'note', id: `as-dc-closed-${id}` }, t('asdesk.dc.no_session')));
    const names = d.duty.map((a) => h('li', { class: 'as-dc-adult', dataset: { user: a.user_id, role: a.role } },
      h('strong', {}, a.display_name || t('asdesk.user_of', { id: a.user_id })), ' · ', a.role ? t('asdesk.role.' + a.role) : ''));
    fill(body, d.duty.length ? h('ul', { class: 'plain', id: `as-dc-list-${id}` }, names) : h('p', { class: 'note', id: `as-dc-none-${id}` }, t('asdesk.dc.none')));
    if (d.duty_confirmation) return fill(body, h('p', { class: 'ok', id: `as-dc-done-${id}` }, confirmedLine(d.duty_confirmation)));
    if (!d.duty.length) return undefined;
    if (!d.session_over) return fill(body, h('p', { class: 'note', id: `as-dc-wait-${id}` }, t('asdesk.dc.not_over', { time: clockOf(d.ends_at) })));
    const form = h('form', { id: `as-dc-form-${id}`, novalidate: true },
      h('p', { class: 'note' }, t('asdesk.dc.note', { hours: hoursOf(minutes) })),
      h('p', {}, h('button', { type: 'submit', id: `as-dc-confirm-${id}` }, t('asdesk.dc.confirm'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      oneAtATime(form, async () => {
        try {
          const c = await api(`/afterschool-programmes/${encodeURIComponent(id)}/days/${d.date}/duty/confirm`, { method: 'POST', json: {} });
          say.textContent = t('asdesk.dc.saved', { volunteers: c.volunteers, hours: hoursOf(c.minutes) });
          await load();
        } catch (err) {
          say.replaceChildren(h('span', { class: 'error' }, refusalText(err)));
        }
        say.focus();
      });
    });
    return fill(body, form);
  };
  const load = async () => {
    const date = /^\d{4}-\d\d-\d\d$/.test(dateInput.value) ? dateInput.value : districtDay();
    try {
      draw(await api(`/afterschool-programmes/${encodeURIComponent(id)}/days/${date}/duty`));
    } catch (err) {
      body.replaceChildren(h('p', { class: 'error', role: 'alert' }, refusalText(err)));
    }
  };
  dateInput.addEventListener('change', () => { say.textContent = ''; load(); });
  fill(box, h('h3', { id: `as-dc-title-${id}` }, t('asdesk.dc.heading')),
    h('div', { class: 'field' }, h('label', { for: `as-dc-date-${id}` }, t('asdesk.dc.date')), dateInput), say, body);
  load();
  return box;
}

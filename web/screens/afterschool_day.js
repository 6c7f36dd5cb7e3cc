// #/afterschool-desk/:id?date= — a programme's day at the staff tablet
// (docs/afterschool.md "The day", "Screens"): GET …/roster (audited) →
// the late alerts on top (a child still here 30 minutes after the end, the
// guardians' phones to call), the staffing met or not, the day's duty
// (the roster's staff list ticked for its duty adults, PUT
// …/days/{date}/duty; a re-check due is flagged and does not count; once
// the organiser confirmed the day, the list fixed and said so), then every
// child by name with their state — 未到 / 在这里 /
// 已回家 — how they came and with whom they went home; one tap checks a
// child in from school (or brought by an adult, with the adult's name), 接走
// opens the check-out (js/afterschool_checkout.js: code pad, phone + photo,
// a proxy). 打印 prints the roster (the print stylesheet hides the tools),
// 导出 CSV is GET …/roster.csv. Health notes shown to the programme's staff
// only (the server decides). Data only as text.
import { api, ApiError, me } from '../js/api.js';
import { fill, h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { signInForm } from '../js/signin.js';
import { dayWords } from '../js/activities_model.js';
import { oneAtATime } from '../js/job_post_view.js';
import { clockOf, districtDay, dutyRows, LIMITS, rosterCounts, staffingWords } from '../js/afterschool_model.js';
import { dayLines, programmeLine, refusalText, stateBadge } from '../js/afterschool_words.js';
import { checkoutPanel } from '../js/afterschool_checkout.js';

const telLink = (g) => (g.phone ? h('a', { href: 'tel:' + String(g.phone).replace(/[^\d+]/g, ''), class: 'as-tel' }, g.phone) : '');
const guardiansLine = (c) => (c.guardians || []).map((g, i) => [i ? '；' : '', `${g.display_name || ''}（${g.relation || ''}）`, ' ', telLink(g)]);

function alertsBox(roster) {
  const alerts = roster.alerts || [];
  if (!alerts.length) return null;
  const byId = new Map((roster.children || []).map((e) => [e.child.id, e]));
  return h('section', { class: 'card warning as-alerts', id: 'as-alerts', role: 'alert', 'aria-labelledby': 'as-alerts-title' },
    h('h2', { id: 'as-alerts-title' }, t('asdesk.alerts', { n: alerts.length })),
    h('ul', { class: 'plain' }, alerts.map((a) => h('li', { class: 'as-alert', dataset: { child: a.child_id } },
      h('strong', {}, '⚠ ', t('asdesk.alert_of', { name: a.name, at: clockOf(a.raised_at) })), ' ',
      byId.get(a.child_id) ? h('span', { class: 'as-alert-call' }, t('asdesk.alert_call'), ' ', guardiansLine(byId.get(a.child_id).child)) : ''))));
}

export async function render(view, params, query) {
  const user = await me();
  view.classList.add('as-day');
  const id = params.id;
  const back = h('p', { class: 'no-print' }, h('a', { href: '#/afterschool-desk', class: 'back' }, '‹ ' + t('asdesk.back_list')));
  if (!user) {
    view.append(back, h('h1', {}, t('asdesk.heading')), signInForm(async () => { view.replaceChildren(); await render(view, params, query); }));
    return undefined;
  }
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') || '') ? query.get('date') : districtDay();
  const today = date === districtDay();
  let roster;
  try {
    roster = await api(`/afterschool-programmes/${encodeURIComponent(id)}/roster`, { query: { date } });
  } catch (err) {
    view.append(back, h('h1', {}, t('asdesk.heading')), h('p', { class: 'error big', role: 'alert', id: 'as-day-problem' },
      err instanceof ApiError && err.status === 403 ? t('asdesk.not_staff') : refusalText(err)));
    return undefined;
  }
  const proxies = new Map();  // child id → the proxies of today the tablet knows
  const open = { child: null };  // the child whose check-out is open
  const flash = h('p', { role: 'status', id: 'as-day-status', tabindex: '-1', class: 'no-print' });
  const top = h('div', { id: 'as-day-top' });
  const list = h('ol', { class: 'plain as-roster', id: 'as-roster' });
  const dutyBox = h('section', { class: 'card no-print', id: 'as-duty', 'aria-labelledby': 'as-duty-title' });
  const csv = `/api/v1/afterschool-programmes/${encodeURIComponent(id)}/roster.csv?date=${date}`;
  const tools = h('p', { class: 'buttons no-print as-tools' },
    h('button', { type: 'button', class: 'secondary', id: 'as-print', onclick: () => window.print() }, t('asdesk.print')), ' ',
    h('a', { class: 'button secondary', id: 'as-csv', href: csv, download: `roster-${id}-${date}.csv` }, t('asdesk.csv')));
  const dayPick = h('input', { type: 'date', id: 'as-date', value: date });
  const pick = h('form', { class: 'samples-day no-print', id: 'as-date-form' }, h('label', { for: dayPick.id }, t('asdesk.date')), dayPick,
    h('button', { type: 'submit', class: 'secondary' }, t('asdesk.show_day')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (dayPick.value) location.hash = `#/afterschool-desk/${encodeURIComponent(id)}?date=${dayPick.value}`;
  });
  const reload = async (message) => {
    roster = await api(`/afterschool-programmes/${encodeURIComponent(id)}/roster`, { query: { date } });
    draw();
    if (message) { flash.textContent = message; flash.focus(); }
  };

  const checkIn = async (entry, body, form) => oneAtATime(form, async () => {
    try {
      await api(`/afterschool-programmes/${encodeURIComponent(id)}/check-ins`, { method: 'POST', json: { child_id: entry.child.id, ...body } });
      await reload(t('asdesk.checked_in', { name: entry.child.name }));
      list.querySelector(`#as-out-open-${entry.child.id}`)?.focus();
    } catch (err) {
      flash.replaceChildren(h('span', { class: 'error' }, refusalText(err)));
      flash.focus();
    }
  }, form.querySelectorAll('button'));

  const childItem = (e) => {
    const c = e.child;
    const li = h('li', { class: `card as-child as-child-${e.state}`, id: `as-child-${c.id}`, dataset: { child: c.id, state: e.state } },
      h('h3', { class: 'as-child-name' }, c.name, ' ', stateBadge(e.state, `as-state-${c.id}`),
        e.late ? [' ', h('span', { class: 'badge as-flag' }, t('asdesk.late'))] : ''),
      h('p', { class: 'as-child-school' }, [c.school, c.grade].filter(Boolean).join(' · ')),
      c.health_notes ? h('p', { class: 'as-health' }, h('span', { class: 'badge' }, t('asdesk.health')), ' ', c.health_notes) : null,
      dayLines(e),
      h('p', { class: 'as-guardians note' }, t('asdesk.guardians'), ' ', guardiansLine(c)),
      e.late_pickups_this_month ? h('p', { class: 'note' }, t('asdesk.late_month', { n: e.late_pickups_this_month })) : null);
    if (!today || roster.day?.open === false) return li;
    if (e.state === 'expected') {
      const adult = h('input', { type: 'text', id: `as-in-adult-${c.id}`, maxlength: LIMITS.adult_name, autocomplete: 'off' });
      const adultForm = h('form', { class: 'as-in-adult', hidden: true, novalidate: true },
        h('label', { for: adult.id }, t('asdesk.in_adult_name')), adult,
        h('p', {}, h('button', { type: 'submit', id: `as-in-adult-go-${c.id}` }, t('asdesk.in_adult_go'))));
      const row = h('form', { class: 'buttons as-in no-print' },
        h('button', { type: 'button', class: 'as-in-school', id: `as-in-school-${c.id}` }, t('asdesk.in_school')), ' ',
        h('button', { type: 'button', class: 'secondary', id: `as-in-adult-open-${c.id}`,
          onclick: () => { adultForm.hidden = false; adult.focus(); } }, t('asdesk.in_adult')));
      row.querySelector('.as-in-school').addEventListener('click', () => checkIn(e, { brought_by: 'from_school' }, row));
      adultForm.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const name = adult.value.trim();
        if (!name) { flash.replaceChildren(h('span', { class: 'error' }, t('asdesk.in_adult_needed'))); adult.focus(); return; }
        checkIn(e, { brought_by: 'adult', adult_name: name }, adultForm);
      });
      li.append(row, adultForm);
    } else if (e.state === 'here') {
      const openButton = h('button', { type: 'button', class: 'as-out-open no-print', id: `as-out-open-${c.id}`,
        'aria-expanded': String(open.child === c.id) }, t('asdesk.out_open'));
      openButton.addEventListener('click', () => { open.child = open.child === c.id ? null : c.id; draw(); list.querySelector(`#as-checkout-title-${c.id}, #as-out-open-${c.id}`)?.focus(); });
      li.append(h('p', {}, openButton));
      if (open.child === c.id) {
        li.append(checkoutPanel(id, e, proxies, async (att) => {
          open.child = null;
          const by = att?.picked_up_by;
          await reload(by ? t('asdesk.gone_now', { name: c.name, who: by.name, relation: by.relation || '' }) : t('asdesk.gone_plain', { name: c.name }));
        }, date));
      }
    }
    return li;
  };

  // The duty boxes: the programme's staff (the roster's `staff`), ticked for
  // the day's duty adults (`duty`); a due re-check flagged (not counted on
  // duty). Saving replaces the day's duty list.
  const dutyLine = (s) => h('span', {}, h('strong', {}, s.display_name || t('asdesk.user_of', { id: s.user_id })), ' · ', t('asdesk.role.' + s.role),
    s.counts ? '' : [' · ', h('span', { class: 'badge as-flag', id: `as-duty-due-${s.user_id}` }, t('asdesk.duty_recheck'))]);
  const drawDuty = () => {
    const staff = dutyRows(roster);
    const fixed = roster.duty_confirmation;  // confirmed by the organiser: the list is fixed
    const form = h('form', { id: 'as-duty-form', novalidate: true },
      staff.length ? h('ul', { class: 'plain' }, staff.map((s) => h('li', { class: `choice as-duty-row${s.counts ? '' : ' as-recheck-due'}`,
        dataset: { user: s.user_id, due: String(!s.counts) } },
      h('input', { type: 'checkbox', id: `as-duty-${s.user_id}`, value: String(s.user_id), checked: s.on_duty, disabled: Boolean(fixed) }),
      h('label', { for: `as-duty-${s.user_id}` }, dutyLine(s)))))
        : h('p', { class: 'note' }, t('asdesk.staff_none')),
      fixed ? h('p', { class: 'ok', id: 'as-duty-fixed' }, t('asdesk.duty_fixed', { name: fixed.confirmed_by_name || '' }))
        : staff.length && today && roster.day?.open !== false ? h('p', {}, h('button', { type: 'submit', class: 'secondary', id: 'as-duty-save' }, t('asdesk.duty_save'))) : null);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      oneAtATime(form, async () => {
        const ids = [...form.querySelectorAll('input:checked')].map((x) => Number(x.value));
        try {
          const st = await api(`/afterschool-programmes/${encodeURIComponent(id)}/days/${date}/duty`, { method: 'PUT', json: { user_ids: ids } });
          roster.staffing = st;
          roster.duty = (roster.staff || []).filter((x) => ids.includes(Number(x.user_id)));
          drawTop();
          flash.textContent = t('asdesk.duty_saved');
          flash.focus();
        } catch (err) {
          flash.replaceChildren(h('span', { class: 'error' }, refusalText(err)));
          flash.focus();
        }
      });
    });
    dutyBox.replaceChildren();
    fill(dutyBox, h('h2', { id: 'as-duty-title' }, t('asdesk.duty')), h('p', { class: 'note' }, t('asdesk.duty_note')), form);
  };

  const drawTop = () => {
    const st = staffingWords(roster.staffing);
    const n = rosterCounts(roster.children);
    top.replaceChildren();
    fill(top, alertsBox(roster),
      roster.day && roster.day.open === false ? h('p', { class: 'error big', id: 'as-closed' }, t('asdesk.day_closed.' + (roster.day.reason || 'weekday'),
        { name: roster.day.holiday_name || '' })) : null,
      h('p', { class: `big as-staffing ${st.met ? 'ok' : 'bad'}`, id: 'as-staffing', dataset: { met: String(st.met) } }, t(st.key, st.params)),
      h('p', { id: 'as-counts' }, t('asdesk.counts', n)));
  };
  const draw = () => {
    for (const e of roster.children || []) {
      if (Array.isArray(e.proxies)) {
        const known = new Map((proxies.get(e.child.id) || []).map((p) => [p.id, p]));
        for (const p of e.proxies) known.set(p.id, p);
        proxies.set(e.child.id, [...known.values()]);
      }
    }
    drawTop();
    list.replaceChildren();
    fill(list, (roster.children || []).map(childItem));
    if (!(roster.children || []).length) list.append(h('li', { id: 'as-roster-none' }, t('asdesk.roster_none')));
  };
  const p = roster.programme || {};
  fill(view, back, h('h1', { id: 'as-day-title' }, p.name || t('asdesk.heading')),
    h('p', { id: 'as-day-facts' }, dayWords(date), ' · ', p.weekdays ? programmeLine(p) : ''),
    today ? null : h('p', { class: 'note', id: 'as-not-today' }, t('asdesk.not_today')),
    top, flash, pick, tools,
    h('section', { 'aria-labelledby': 'as-roster-title' }, h('h2', { id: 'as-roster-title' }, t('asdesk.roster')), list),
    dutyBox, h('p', { class: 'note print-only' }, t('asdesk.print_note', { date, at: clockOf(new Date().toISOString()) })));
  draw();
  drawDuty();
  view.dataset.ready = '1';
  return undefined;
}

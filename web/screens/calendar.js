// #/staff/calendar?year=2027 — an admin enters a year of the official
// calendar from the State Council's notice: holiday ranges and make-up
// working days as lines (calendar_notice.js), the year drawn as twelve months
// while typing (year_calendar.js), then PUT /api/v1/calendar/{year}. A year
// already loaded is shown for editing; the server's refusals appear in
// Chinese beside the line they concern. Admins only: anyone else is told so.
import { api, ApiError, me } from '../js/api.js';
import { h } from '../js/dom.js';
import { t } from '../js/i18n.js';
import { districtParts } from '../js/format.js';
import { calendarChanged, showCalendarBanner } from '../js/calendar_banner.js';
import { noticeText, parseNotice, serverErrors } from '../js/calendar_notice.js';
import { yearCalendar } from '../js/year_calendar.js';

const YEAR = /^\d{4}$/;

// The year to open: ?year=, else the one after the calendar's last, else next year.
async function firstYear(query) {
  if (YEAR.test(query.get('year') || '')) return Number(query.get('year'));
  const health = await api('/health').catch(() => null);
  const covered = health?.calendar_covered_until;
  return covered ? Number(covered.slice(0, 4)) + 1 : districtParts(Date.now()).year + 1;
}

function field(id, label, hint, control) {
  return [
    h('label', { for: id }, label),
    h('p', { class: 'note', id: `${id}-hint` }, hint),
    control,
    h('p', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' }),
  ];
}

export async function render(view, params, query) {
  const user = await me();
  view.append(h('h1', {}, t('calendar.heading')));
  if (!user) {
    view.append(h('p', { id: 'calendar-denied' }, t('calendar.sign_in'), ' ',
      h('a', { href: '#/signin?next=' + encodeURIComponent('#/staff/calendar') }, t('login.submit'))));
    return;
  }
  if (user.role !== 'admin') {
    view.append(h('p', { id: 'calendar-denied', class: 'error' }, t('calendar.admins_only')));
    return;
  }

  const yearInput = h('input', { id: 'cal-year', type: 'number', min: 1970, max: 9999, inputmode: 'numeric',
    'aria-describedby': 'cal-year-hint cal-year-error' });
  const holidays = h('textarea', { id: 'cal-holidays', rows: 8, spellcheck: 'false',
    'aria-describedby': 'cal-holidays-hint cal-holidays-error' });
  const workdays = h('textarea', { id: 'cal-workdays', rows: 4, spellcheck: 'false',
    'aria-describedby': 'cal-workdays-hint cal-workdays-error' });
  const loaded = h('p', { id: 'cal-loaded', role: 'status' });
  const summary = h('p', { id: 'cal-summary' });
  const saveStatus = h('p', { id: 'cal-save-status', role: 'status' });
  const saveError = h('p', { id: 'cal-save-error', class: 'error', 'aria-live': 'polite' });
  const previewTitle = h('h2', { id: 'cal-preview-title' });
  const preview = h('div');
  const boxes = { holidays, workdays };
  let year = await firstYear(query);

  const errorOf = (id) => view.querySelector(`#${id}-error`);
  function showErrors(errors) {
    for (const [box, el] of Object.entries(boxes)) {
      const mine = errors.filter((e) => e.box === box);
      errorOf(el.id).textContent = mine.map((e) => t('calendar.line', { line: e.line }) + e.message).join('；');
      if (mine.length) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
    }
    saveError.textContent = errors.filter((e) => !e.box).map((e) => e.message).join('；');
  }

  // The preview of what is typed now; the parse, for saving.
  function redraw() {
    const parsed = parseNotice(holidays.value, workdays.value);
    showErrors(parsed.errors);
    const inYear = parsed.days.filter((d) => d.date.startsWith(`${year}-`));
    summary.textContent = t('calendar.summary', {
      holidays: inYear.filter((d) => d.kind === 'holiday').length,
      workdays: inYear.filter((d) => d.kind === 'workday').length,
    });
    previewTitle.textContent = t('calendar.preview', { year });
    preview.replaceChildren(yearCalendar(year, parsed.days, 'cal-preview'));
    return parsed;
  }

  async function load(next) {
    errorOf('cal-year').textContent = '';
    if (!YEAR.test(String(next)) || next < 1970) {
      errorOf('cal-year').textContent = t('calendar.err_year');
      return;
    }
    year = Number(next);
    yearInput.value = String(year);
    history.replaceState(null, '', `#/staff/calendar?year=${year}`);
    saveStatus.textContent = '';
    try {
      const stored = await api(`/calendar/${year}`);
      const text = noticeText(stored.days);
      holidays.value = text.holidays;
      workdays.value = text.workdays;
      loaded.textContent = t('calendar.loaded', { year, n: stored.days.length });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      holidays.value = '';
      workdays.value = '';
      loaded.textContent = t('calendar.not_entered', { year });
    }
    redraw();
  }

  async function save(event) {
    event.preventDefault();
    saveStatus.textContent = '';
    const parsed = redraw();
    if (parsed.errors.length) { saveError.textContent = t('calendar.fix_first'); return; }
    try {
      const stored = await api(`/calendar/${year}`, { method: 'PUT', json: { days: parsed.days } });
      saveStatus.textContent = t('calendar.saved', { year, n: stored.days.length });
      loaded.textContent = t('calendar.loaded', { year, n: stored.days.length });
      calendarChanged();
      showCalendarBanner();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 422) showErrors(serverErrors(e.problem, parsed.origin));
      else if (e.status === 401 || e.status === 403) showErrors([{ box: null, message: t('calendar.admins_only') }]);
      else showErrors([{ box: null, message: t('common.error', { detail: e.message }) }]);
    }
  }

  view.append(
    h('p', {}, t('calendar.intro')),
    h('form', { class: 'card calendar-form', onsubmit: save, novalidate: true },
      field('cal-year', t('calendar.year'), t('calendar.year_hint'), h('div', { class: 'year-pick' },
        yearInput,
        h('button', { type: 'button', class: 'secondary', id: 'cal-load', onclick: () => load(yearInput.value.trim()) }, t('calendar.load')))),
      loaded,
      field('cal-holidays', t('calendar.holidays'), t('calendar.holidays_hint'), holidays),
      field('cal-workdays', t('calendar.workdays'), t('calendar.workdays_hint'), workdays),
      summary,
      h('button', { type: 'submit', id: 'cal-save' }, t('calendar.save')),
      saveError, saveStatus),
    h('section', { class: 'card', 'aria-labelledby': 'cal-preview-title' }, previewTitle, preview));
  holidays.addEventListener('input', redraw);
  workdays.addEventListener('input', redraw);
  yearInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); load(yearInput.value.trim()); } });
  await load(year);
}

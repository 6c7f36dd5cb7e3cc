// The admins' reminder that the official calendar is running out: from
// BANNER_DAYS before the last day it covers (GET /api/v1/health,
// calendar_covered_until), a banner above every screen — "2027年节假日安排
// 尚未载入，请在 2026-12-31 前录入" — linking to the calendar screen
// (#/staff/calendar). Nobody else sees it. app.js calls showCalendarBanner()
// on every screen change; the answer of /health is kept for a few minutes.
import { api, me } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { districtDayStart, districtParts } from './format.js';

export const BANNER_DAYS = 60;
const DAY_MS = 24 * 3600 * 1000;
const HEALTH_TTL_MS = 5 * 60 * 1000;
let health = null;  // { at, covered }

async function coveredUntil() {
  if (!health || Date.now() - health.at > HEALTH_TTL_MS) {
    const answer = await api('/health');
    health = { at: Date.now(), covered: answer.calendar_covered_until ?? null };
  }
  return health.covered;
}

// Forget the cached answer (after a year was saved).
export function calendarChanged() { health = null; }

// What the banner says on `nowMs`, or null: { year, text } when `covered`
// ("2026-12-31" or null) ends within BANNER_DAYS days or has ended.
export function bannerFor(covered, nowMs = Date.now()) {
  const today = districtDayStart(nowMs);
  if (!covered) {
    const year = districtParts(nowMs).year;
    return { year, text: t('calendar.banner_none', { year }) };
  }
  const [y, m, d] = covered.split('-').map(Number);
  const lastDay = Date.UTC(y, m - 1, d) - 8 * 3600 * 1000;  // 00:00 district time
  const daysLeft = Math.round((lastDay - today) / DAY_MS);
  if (daysLeft > BANNER_DAYS) return null;
  const year = y + 1;
  if (daysLeft < 0) return { year, text: t('calendar.banner_late', { year, date: covered }) };
  return { year, text: t('calendar.banner', { year, date: covered }) };
}

// Puts the banner before <main> for an admin when it is due; removes it
// otherwise. Errors (offline, a server without the field) show nothing.
export async function showCalendarBanner() {
  let banner = null;
  try {
    const user = await me();
    if (user?.role === 'admin') {
      const due = bannerFor(await coveredUntil());
      if (due) {
        banner = h('div', { id: 'calendar-banner', class: 'calendar-banner', role: 'status' },
          h('p', {}, due.text, ' ',
            h('a', { href: `#/staff/calendar?year=${due.year}` }, t('calendar.banner_link', { year: due.year }))));
      }
    }
  } catch {
    banner = null;
  }
  // Another call may have finished meanwhile: one banner at most.
  document.getElementById('calendar-banner')?.remove();
  if (banner) document.body.insertBefore(banner, document.getElementById('view'));
}

// Every screen of the app, as the tests that must see them all visit them:
// one entry per route of web/js/router.js (a route missing here fails
// assertAllRoutes, so a new screen joins these tests), visited signed out,
// as a resident and as an admin, each waited for by what it draws.
//
//   const { srv, browser, screens, requests } = await startScreens();  // all of it
//   const screens = await prepareScreens(srv, admin);      // data they show
//   const seen = await visitScreens(browser, srv, screens, { elder: true }, async (page, s) => { … });
//   assertAllRoutes(seen);
import assert from 'node:assert/strict';
import { ROUTES } from '../../../web/js/router.js';
import { ADMIN, makeUser, startDemoServer } from './demo.mjs';
import { launch } from './browser.mjs';
import { waitFor } from '../../http/lib/wait.mjs';
import { makeClinic } from './clinics.mjs';
import { makeProgramme } from './afterschool.mjs';

export const RESIDENT = { username: 'screens.resident', password: 'resident-pass-1', display_name: '赵大爷', phone: '13812346543', role: 'resident' };

// A demo server with the screens' data, a browser (`launchOptions` for
// launch()) and a watch on its requests.
export async function startScreens(launchOptions) {
  const { srv, admin } = await startDemoServer();
  const screens = await prepareScreens(srv, admin);
  const browser = await launch(launchOptions);
  const requests = watchRequests(browser.context, srv);
  return { srv, browser, screens, requests };
}

// The data the screens show: a love station with a notice, a resident's
// appeal, a canteen's food sample; resolves to the screens, each {route,
// who, hash, ready, then?}. `who` is null (signed out), RESIDENT or ADMIN.
export async function prepareScreens(srv, admin) {
  await makeUser(srv, admin, RESIDENT);
  const resident = await srv.login(RESIDENT.username, RESIDENT.password);
  const communities = (await srv.fetch('/api/v1/areas/communities')).body.items;
  assert.ok(communities.length > 0, 'the demo has communities');
  const c = communities[0];
  const love = (await srv.fetch('/api/v1/facilities?kind=love_station&limit=1')).body.items[0];
  assert.ok(love, 'the demo has a love station');
  const district = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
  const notice = await srv.fetch(`/api/v1/facilities/${love.id}/notices`, { method: 'POST', token: admin.token,
    json: { text: '今日免费姜汤', valid_from: district(Date.now() - 3600e3), valid_until: district(Date.now() + 86400e3) } });
  assert.equal(notice.status, 201, notice.text);
  const raised = await srv.fetch('/api/v1/appeals', { method: 'POST', token: resident.token, json: {
    category: 'sanitation', description: '楼下垃圾桶满了', lat: c.lat, lon: c.lon,
    contact: { name: RESIDENT.display_name, phone: RESIDENT.phone } } });
  assert.equal(raised.status, 201, raised.text);
  const appeal = raised.body;
  const elder = (await srv.fetch('/api/v1/elders?limit=1', { token: admin.token })).body.items[0];
  assert.ok(elder, 'the demo has elders');
  const family = await srv.fetch(`/api/v1/elders/${elder.id}/family`, { method: 'POST', token: admin.token,
    json: { user_id: resident.user.id, relation: '女儿', consent: { basis: 'consent' } } });
  assert.equal(family.status, 201, family.text);
  const canteen = (await srv.fetch('/api/v1/facilities?kind=canteen&limit=1')).body.items[0];
  assert.ok(canteen, 'the demo has a canteen');
  const sample = await srv.fetch(`/api/v1/canteens/${canteen.id}/samples`, { method: 'POST', token: admin.token, json: {
    date: district(Date.now()).slice(0, 10), meal: 'lunch', dish_name: '西红柿炒鸡蛋', weight_g: 150,
    taken_at: district(Date.now()), fridge: '1号留样冰箱' } });
  assert.equal(sample.status, 201, sample.text);
  const job = (await srv.fetch('/api/v1/jobs?limit=1')).body.items[0];
  assert.ok(job, 'the demo publishes job posts');
  const dates = (await srv.fetch('/api/v1/activity-occurrences?days=14&limit=100')).body.items;
  // Dates that started today are still listed (the list starts at midnight): take one to come, so signing up is open.
  const date = dates.find((o) => o.status === 'scheduled' && o.places_left > 0 && Date.parse(o.starts_at) > Date.now() + 3600e3);
  assert.ok(date, 'the demo has an activity date with places');
  // The organisers' screens (admins organise for all): a demo date to come and its activity.
  const deskDate = dates.find((o) => o.status === 'scheduled' && Date.parse(o.starts_at) > Date.now() + 3600e3);
  assert.ok(deskDate, 'the demo has activity dates to come');
  // A free clinic of the screens' own (docs/clinics.md): tomorrow, slots with places.
  const clinic = await makeClinic(srv, admin, { slots: 3, places_per_slot: 4 });
  // An after-school programme (docs/afterschool.md): its desk; the admin is not on its staff, so its roster is refused.
  const programme = await makeProgramme(srv, admin);
  return [
    { route: '/', who: null, hash: '#/', ready: '.tile' },
    { route: '/near', who: null, hash: `#/near?kind=toilet&when=any&community=${c.id}`, ready: '.result' },
    { route: '/f/:id', who: null, hash: `#/f/${love.id}`, ready: '#week li' },
    { route: '/f/:id', who: null, hash: `#/f/${canteen.id}`, ready: '#menu h2' },
    { route: '/jobs', who: null, hash: '#/jobs', ready: '.job-card' },
    { route: '/jobs/:id', who: null, hash: `#/jobs/${job.id}`, ready: '#complaint-open' },
    { route: '/activities', who: null, hash: '#/activities', ready: '.act-row' },
    { route: '/activities/:id', who: null, hash: `#/activities/${date.activity_id}`, ready: '#act-dates li' },
    { route: '/activities/o/:id', who: null, hash: `#/activities/o/${date.id}`, ready: '#act-signin' },
    { route: '/my/activities', who: null, hash: '#/my/activities', ready: '#act-signin' },
    { route: '/clinics', who: null, hash: '#/clinics', ready: '.clinic-row' },
    { route: '/clinics/:id', who: null, hash: `#/clinics/${clinic.activity.id}`, ready: '#clinic-signin' },
    { route: '/my-children', who: null, hash: '#/my-children', ready: '#kids-signin' },
    { route: '/appeal/new', who: null, hash: '#/appeal/new', ready: '#category option[value="sanitation"]' },
    { route: '/track', who: null, hash: '#/track', ready: '#track-form' },
    { route: '/track/:code', who: null, hash: `#/track/${appeal.tracking_code}`, ready: '#timeline li' },
    { route: '/signin', who: null, hash: '#/signin', ready: '#password-heading' },
    { route: '/staff', who: null, hash: '#/staff', ready: '#username' },
    { route: '/me/appeals', who: null, hash: '#/me/appeals', ready: 'main a.button[href^="#/signin"]' },
    // The volunteers' own and public screens (docs/volunteers.md): signed out, a non-volunteer, an unknown number and certificate.
    { route: '/me/volunteer', who: null, hash: '#/me/volunteer', ready: '#vol-signin' },
    { route: '/verify', who: null, hash: '#/verify', ready: '#verify-form' },
    { route: '/verify/:number', who: null, hash: '#/verify/ZY2026000000000', ready: '#verify-unknown-why' },
    { route: '/dashboard', who: null, hash: '#/dashboard', ready: '#kinds-chart canvas' },
    { route: '/me/appeals', who: RESIDENT, hash: '#/me/appeals', ready: '#my-appeals li' },
    { route: '/me/family', who: RESIDENT, hash: '#/me/family', ready: 'section[data-elder] textarea' },
    { route: '/me/volunteer', who: RESIDENT, hash: '#/me/volunteer', ready: '#vol-none' },
    { route: '/track/:code', who: RESIDENT, hash: `#/track/${appeal.tracking_code}`, ready: '#timeline li' },
    { route: '/activities/o/:id', who: RESIDENT, hash: `#/activities/o/${date.id}`, ready: '#act-signup-send' },
    { route: '/clinics/:id', who: RESIDENT, hash: `#/clinics/${clinic.activity.id}`, ready: '#clinic-slot-1-book',
      then: async (page) => {
        await page.locator('#clinic-slot-1-book').click();
        await page.locator('#clinic-book-form').waitFor();
      } },
    { route: '/my-children', who: RESIDENT, hash: '#/my-children', ready: '#kids-none',
      then: async (page) => {
        await page.locator('#kids-child-add').click();
        await page.locator('#kids-child-form').waitFor();
      } },
    { route: '/my/activities', who: RESIDENT, hash: '#/my/activities', ready: '#act-feed-make',
      then: async (page) => {
        await page.locator('#act-feed-make').click();
        await page.locator('#act-feed-url').waitFor();
      } },
    { route: '/staff', who: ADMIN, hash: '#/staff', ready: '.kept a' },
    { route: '/staff/f/:id', who: ADMIN, hash: `#/staff/f/${love.id}`, ready: '#preview-days li' },
    { route: '/staff/appeals', who: ADMIN, hash: '#/staff/appeals', ready: '#queue li' },
    { route: '/staff/appeals/:id', who: ADMIN, hash: `#/staff/appeals/${appeal.id}`, ready: '#steps button[data-step="accept"]',
      then: async (page) => {
        await page.locator('#steps button[data-step="accept"]').click();
        await page.locator('#step-form').waitFor();
      } },
    { route: '/staff/calendar', who: ADMIN, hash: '#/staff/calendar', ready: '#cal-preview table' },
    { route: '/staff/desk', who: ADMIN, hash: '#/staff/desk', ready: '#desk-q' },
    { route: '/staff/elders', who: ADMIN, hash: '#/staff/elders', ready: '#elders li' },
    { route: '/staff/elders/:id', who: ADMIN, hash: `#/staff/elders/${elder.id}`, ready: '#card-state' },
    { route: '/staff/today', who: ADMIN, hash: '#/staff/today', ready: '#today-empty' },
    { route: '/staff/canteen/:id/samples', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/samples`, ready: '.sample-dish' },
    { route: '/staff/canteen/:id/menu', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/menu`, ready: '#menu-edit-meals h2' },
    { route: '/staff/canteen/:id/counter', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/counter`, ready: '#counter-orders h2' },
    { route: '/staff/canteen/:id/deliveries', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/deliveries`, ready: '#deliveries-body > *' },
    { route: '/staff/canteen/:id/settlement', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/settlement`, ready: '#settlement-summary' },
    { route: '/staff/canteen/:id/settlement/:month', who: ADMIN, hash: `#/staff/canteen/${canteen.id}/settlement/${district(Date.now()).slice(0, 7)}`,
      ready: '#settlement-close' },
    { route: '/staff/jobs', who: ADMIN, hash: '#/staff/jobs', ready: '#job-list-title' },
    { route: '/staff/job-reviews', who: ADMIN, hash: '#/staff/job-reviews', ready: '#job-reviews > li' },
    { route: '/staff/job-complaints', who: ADMIN, hash: '#/staff/job-complaints', ready: '#job-complaints > li' },
    { route: '/activities/o/:id', who: ADMIN, hash: `#/activities/o/${date.id}`, ready: `#act-staff-door[href="#/staff/activity-occurrences/${date.id}"]` },
    // The volunteers' staff desks (docs/volunteers.md): the team desk, an organiser's shifts, an unknown shift.
    { route: '/staff/volunteers', who: ADMIN, hash: '#/staff/volunteers', ready: '#vdesk-roster li, #vdesk-no-team' },
    { route: '/staff/volunteer-shifts', who: ADMIN, hash: '#/staff/volunteer-shifts', ready: '#vshift-dates li' },
    { route: '/staff/volunteer-shifts/:id', who: ADMIN, hash: '#/staff/volunteer-shifts/999999', ready: '#vshift-problem' },
    { route: '/staff/activities', who: ADMIN, hash: '#/staff/activities', ready: '#act-list li.act-item',
      then: async (page) => {
        await page.locator('#act-new').click();
        await page.locator('#act-form').waitFor();
      } },
    { route: '/staff/activities/:id', who: ADMIN, hash: `#/staff/activities/${deskDate.activity_id}`, ready: '#act-dates > li',
      then: async (page) => {
        await page.locator('#act-dates > li button[id$="-edit"]').first().click();
        await page.locator('#act-dates form.act-date-form:not([hidden])').waitFor();
      } },
    { route: '/staff/activity-occurrences/:id', who: ADMIN, hash: `#/staff/activity-occurrences/${deskDate.id}`, ready: '#door-check' },
    { route: '/clinic-desk', who: ADMIN, hash: '#/clinic-desk', ready: '#clinic-list li.clinic-item',
      then: async (page) => {
        await page.locator('#clinic-new').click();
        await page.locator('#clinic-form').waitFor();
      } },
    { route: '/clinic-desk/:id', who: ADMIN, hash: `#/clinic-desk/${clinic.activity.id}`, ready: '#clinic-phone-form',
      then: async (page) => {
        await page.locator('#clinic-slot-1-show').click();
        await page.locator('#clinic-bookings-1').waitFor();
      } },
    { route: '/afterschool-desk', who: ADMIN, hash: '#/afterschool-desk', ready: '#as-programmes > li.as-programme',
      then: async (page) => {
        await page.locator('#as-new').click();
        await page.locator('#as-programme-form').waitFor();
      } },
    { route: '/afterschool-desk/:id', who: ADMIN, hash: `#/afterschool-desk/${programme.id}`, ready: '#as-day-problem' },
    { route: '/certificates/:id/print', who: ADMIN, hash: '#/certificates/999999/print', ready: '#cert-problem' },
    { route: '/dashboard', who: ADMIN, hash: '#/dashboard', ready: '#appeals-chart canvas' },
  ];
}

// Signs `who` in through the password form of #/signin (signed out first).
async function signIn(page, srv, who) {
  await page.goto(srv.url + '/#/signin?next=' + encodeURIComponent('#/'));
  await page.locator('#username').fill(who.username);
  await page.locator('#password').fill(who.password);
  await page.locator('#signin button[type="submit"]').click();
  await page.waitForURL((u) => u.hash === '#/');
}

// Visits every screen in `settings` ({lang, elder}), grouped by who is signed
// in, and calls `check(page, screen, where)` on each once it is drawn;
// resolves to the routes seen.
export async function visitScreens(browser, srv, screens, settings, check) {
  const seen = new Set();
  for (const who of [null, RESIDENT, ADMIN]) {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
    if (who) await signIn(page, srv, who);
    for (const s of screens.filter((x) => x.who === who)) {
      const where = `${s.hash} (${who?.username || 'signed out'}, ${JSON.stringify(settings)})`;
      await page.goto(srv.url + '/' + s.hash);
      await page.locator(s.ready).first().waitFor({ state: 'attached' });
      if (s.then) await s.then(page);
      await check(page, s, where);
      seen.add(s.route);
    }
    await page.close();
  }
  return seen;
}

// Every route of the router was visited.
export function assertAllRoutes(seen) {
  const all = ROUTES.map(([pattern]) => pattern);
  assert.ok(all.length > 10, `the router has ${all.length} routes`);
  assert.deepEqual(all.filter((p) => !seen.has(p)), [], 'routes no screen test visits');
}

// Watches every request the pages of `context` make: `foreign` lists those
// to a host other than the server's (http, https, ws; data: and blob: URLs
// are not hosts), `own` counts the server's, `settled(timeoutMs)` waits until
// none is in flight.
export function watchRequests(context, srv) {
  const host = new URL(srv.url).host;
  const seen = { foreign: [], own: 0 };
  const note = (url) => {
    const u = new URL(url);
    if (['data:', 'blob:', 'about:'].includes(u.protocol)) return;
    if (u.host === host) seen.own++; else seen.foreign.push(url);
  };
  // A page closed with a request in flight (the last screen's slower counts)
  // reports neither its end nor its failure: its requests leave with it.
  const live = new Map();
  const done = (r) => live.delete(r);
  context.on('request', (r) => { live.set(r, r.frame()?.page()); note(r.url()); });
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  context.on('page', (p) => {
    p.on('websocket', (ws) => note(ws.url()));
    p.on('close', () => { for (const [r, of] of live) if (of === p) live.delete(r); });
  });
  Object.defineProperty(seen, 'inflight', { get: () => live.size });
  seen.settled = (timeoutMs = 10000) => waitFor(() => live.size === 0, { timeoutMs, what: `no request in flight (at the start: ${[...live.keys()].map((r) => r.url()).join(', ') || 'none'})` });
  return seen;
}

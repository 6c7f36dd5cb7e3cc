// Free clinic sessions for the browser tests, made through the API
// (docs/clinics.md) so each test owns its data: makeClinic(srv, admin, over)
// creates one for the organiser named `organiser` (西关社区, the demo's
// community organiser with its staff user wenti) on the district's day
// `daysAhead` from today at an address, with three doctors of two
// departments, and resolves to the session view.
import assert from 'node:assert/strict';

export const WENTI = { username: 'wenti', password: 'demo-worker-2026' };
export const ORGANISER = '西关社区';

export const DOCTORS = [
  { department: '中医科', name: '王建国', title: '主任医师', licence_number: '110141100012345' },
  { department: '口腔科', name: '刘洋', title: '主治医师', licence_number: 'A-2026-0042' },
  { department: '中医科', name: '陈静', title: '副主任医师', licence_number: '220141100054321' },
];

// The district's date `days` from now, "YYYY-MM-DD".
export const districtDay = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

// The id of the organiser named `name` (admins may organise for all).
export async function organiserId(srv, admin, name = ORGANISER) {
  const r = await srv.fetch('/api/v1/activity-organisers', { token: admin.token });
  assert.equal(r.status, 200, r.text);
  const items = Array.isArray(r.body) ? r.body : r.body.items;
  const org = items.find((o) => o.name === name);
  assert.ok(org, `an organiser ${name}: ${r.text.slice(0, 300)}`);
  return org.id;
}

export async function makeClinic(srv, admin, { daysAhead = 1, ...over } = {}) {
  const body = {
    organiser_org_id: await organiserId(srv, admin),
    title: '社区义诊：中医、口腔',
    description: '请带上医保卡和平时吃的药。',
    address: '西关社区卫生服务站二楼',
    filing_number: '吕卫义诊备字〔2026〕12号',
    date: districtDay(daysAhead),
    start_time: '09:00',
    slot_minutes: 30,
    slots: 2,
    places_per_slot: 1,
    doctors: DOCTORS,
    ...over,
  };
  const r = await srv.fetch('/api/v1/clinic-sessions', { method: 'POST', token: admin.token, json: body });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// A caller booked by staff on a slot (its occurrence id); resolves to the answer.
export async function bookCaller(srv, staff, occurrenceId, json) {
  const r = await srv.fetch(`/api/v1/clinic-slots/${occurrenceId}/bookings`, { method: 'POST', token: staff.token, json });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

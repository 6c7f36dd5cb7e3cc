// Red proxy cards (红色代办卡, issue 16, part 2): issued by the elder's
// grid or community worker, printed as an SVG card (number, phones, a QR
// code of the number only), reissued (the old number revoked) and revoked;
// the phone desk finds an elder in one step by card number or caller ID,
// each lookup audited; a revoked number answers 410 and never opens the
// elder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEldercareWorld } from './lib/eldercare_world.mjs';

const API = '/api/v1/elders';
let w;
before(async () => { w = await startEldercareWorld(); });
after(async () => { if (w) { await w.srv.stop(); w.srv.cleanup(); } });

const PHONES = { committee_phone: '0358-8221234', team_phone: '13903580001' };
const get = (path, who) => w.srv.fetch(path, { token: who?.token });
const send = (method, path, json, who) => w.srv.fetch(path, { method, json, token: who.token });
const lookups = () => Number(w.srv.sql(
  "SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE '%lookup%'"));

function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  if (field) assert.ok(res.body.errors?.some((e) => e.field === field), `${field} in ${res.text}`);
}

test('a card from issue to reissue and revocation; the phone desk\'s one step', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ phones: ['13811112222'] });
  const issued = await send('POST', `${API}/${elder.id}/card`, PHONES, c.workerGrid);
  assert.equal(issued.status, 201, issued.text);
  const card = issued.body;
  assert.match(card.number, /^[1-9]\d{9}$/);
  assert.equal(card.number_display, `${card.number.slice(0, 4)}-${card.number.slice(4, 7)}-${card.number.slice(7)}`);
  assert.equal(card.state, 'active');
  assert.equal(card.team_phone, '13903580001');
  assert.deepEqual((await get(`${API}/${elder.id}/card`, c.workerSty)).body, card);

  // The printable card: the number and phones, a QR path, no personal data.
  const svg = await get(`${API}/${elder.id}/card.svg`, c.workerGrid);
  assert.equal(svg.status, 200);
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(svg.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const text of [card.number_display, '0358-8221234', '13903580001', '红色代办卡']) assert.ok(svg.text.includes(text), text);
  assert.match(svg.text, /<path transform="translate\([\d.]+ [\d.]+\) scale\([\d.]+\)" fill="#000" d="M0 0h7v1h-7z/);
  for (const secret of ['张桂兰', '13811112222', '交通路', '1941']) assert.ok(!svg.text.includes(secret), secret);

  // Typed as read out on the phone: spaces and hyphens do not matter.
  const before = lookups();
  const byCard = await get(`${API}/lookup?card=${encodeURIComponent(card.number_display.replace(/-/g, ' '))}`, c.workerGrid);
  assert.equal(byCard.status, 200, byCard.text);
  assert.equal(byCard.body.match, 'card');
  assert.deepEqual(byCard.body.items.map((e) => [e.id, e.view, e.name]), [[elder.id, 'full', '张桂兰']]);
  const masked = await get(`${API}/lookup?card=${card.number}`, c.workerDistrict);
  assert.deepEqual(masked.body.items.map((e) => [e.id, e.view, e.name]), [[elder.id, 'masked', '张**']]);
  assertProblem(await get(`${API}/lookup?card=${card.number}`, c.workerHw), 403);
  // Caller ID, however the exchange writes it.
  for (const phone of ['13811112222', '+86 138 1111 2222', '0086-138-1111-2222']) {
    const r = await get(`${API}/lookup?phone=${encodeURIComponent(phone)}`, c.workerSty);
    assert.equal(r.status, 200, `${phone}: ${r.text}`);
    assert.equal(r.body.match, 'phone');
    assert.deepEqual(r.body.items.map((e) => e.id), [elder.id]);
  }
  assert.equal(lookups(), before + 5, 'one audit row per lookup that found someone (2 by card, 3 by phone)');
  assertProblem(await get(`${API}/lookup?phone=13811112222`, c.workerHw), 404);

  // Reissued: a new number; the old one says revoked and opens nothing.
  const again = await send('POST', `${API}/${elder.id}/card`, PHONES, c.workerSty);
  assert.equal(again.status, 201, again.text);
  assert.notEqual(again.body.number, card.number);
  const n = lookups();
  const old = await get(`${API}/lookup?card=${card.number}`, c.admin);
  assertProblem(old, 410);
  assert.match(old.body.detail, /revoked/);
  assert.ok(!old.text.includes('张桂兰') && !old.text.includes(`"id":${elder.id}`), old.text);
  assert.equal(lookups(), n, 'a revoked card reads nothing');

  // Revoked: 410 for its number too, no active card, the history says so.
  assertProblem(await send('DELETE', `${API}/${elder.id}/card?reason=stolen`, undefined, c.workerGrid), 422, 'reason');
  assertProblem(await send('DELETE', `${API}/${elder.id}/card`, undefined, c.workerBh), 403);
  const revoked = await send('DELETE', `${API}/${elder.id}/card?reason=lost`, undefined, c.workerGrid);
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.body.state, 'revoked');
  assert.equal(revoked.body.revoked_reason, 'lost');
  assertProblem(await get(`${API}/lookup?card=${again.body.number}`, c.workerGrid), 410);
  assertProblem(await get(`${API}/${elder.id}/card`, c.workerGrid), 404);
  assertProblem(await get(`${API}/${elder.id}/card.svg`, c.workerGrid), 404);
  assertProblem(await send('DELETE', `${API}/${elder.id}/card`, undefined, c.workerGrid), 404);
  const out = await get(`${API}/${elder.id}/export`, c.workerGrid);
  assert.deepEqual(out.body.cards.map((k) => [k.number, k.state, k.revoked_reason]),
    [[card.number, 'revoked', 'reissued'], [again.body.number, 'revoked', 'lost']]);
  assert.deepEqual(out.body.history.map((e) => e.action), ['create', 'card_issue', 'card_revoke', 'card_issue', 'card_revoke']);
  const audits = w.srv.sql(`SELECT action FROM audit_log WHERE subject_id = '${elder.id}' AND action LIKE 'elder.card%' ORDER BY id`);
  assert.deepEqual(audits.split('\n'), ['elder.card_issue', 'elder.card_revoke', 'elder.card_issue', 'elder.card_revoke']);

  // Closing the record revokes its card.
  const third = await send('POST', `${API}/${elder.id}/card`, PHONES, c.admin);
  assert.equal(third.status, 201);
  assert.equal((await send('POST', `${API}/${elder.id}/close`, { reason: 'died' }, c.admin)).status, 200);
  assertProblem(await get(`${API}/lookup?card=${third.body.number}`, c.admin), 410);
  assertProblem(await send('POST', `${API}/${elder.id}/card`, PHONES, c.admin), 409);
  assertProblem(await get(`${API}/lookup?phone=13811112222`, c.admin), 404);
});

test('who may issue, print and look up', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ phones: ['13822223333'] });
  const card = (await send('POST', `${API}/${elder.id}/card`, PHONES, c.admin)).body;
  for (const who of ['workerBh', 'workerDistrict', 'workerHw']) {
    assertProblem(await send('POST', `${API}/${elder.id}/card`, PHONES, c[who]), 403);
    assertProblem(await get(`${API}/${elder.id}/card.svg`, c[who]), 403);
  }
  for (const who of ['volunteer', 'keeper', 'department', 'resident']) {
    assertProblem(await get(`${API}/lookup?card=${card.number}`, c[who]), 403);
    assertProblem(await send('POST', `${API}/${elder.id}/card`, PHONES, c[who]), 403);
  }
  assertProblem(await get(`${API}/lookup?card=${card.number}`, null), 401);
});

test('bad input: numbers that are no card, phones that are no phone', async () => {
  const { callers: c } = w;
  const elder = await w.createElder({ phones: ['13833334444'] });
  const card = (await send('POST', `${API}/${elder.id}/card`, PHONES, c.admin)).body;
  // One wrong digit, two neighbours swapped: the check digit refuses them.
  const typo = card.number.slice(0, 3) + String((Number(card.number[3]) + 1) % 10) + card.number.slice(4);
  assertProblem(await get(`${API}/lookup?card=${typo}`, c.admin), 422, 'card');
  for (const q of ['card=12345', 'card=abcdefghij', `card=${card.number}0`, 'phone=12345', 'phone=call%20me',
    '', `card=${card.number}&phone=13833334444`]) {
    assertProblem(await get(`${API}/lookup?${q}`, c.admin), 422);
  }
  // A valid number no card has.
  let unknown = card.number;
  for (let d = 0; unknown === card.number || d < 1; d += 1) {
    const body = String(123456780 + d);
    let interim = 0;
    const T = [[0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
      [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
      [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0]];
    for (const ch of body) interim = T[interim][Number(ch)];
    unknown = body + interim;
  }
  assertProblem(await get(`${API}/lookup?card=${unknown}`, c.admin), 404);
  assertProblem(await get(`${API}/lookup?phone=13900009999`, c.admin), 404);
  // Card bodies.
  const raw = (body, headers = { 'content-type': 'application/json' }) =>
    w.srv.fetch(`${API}/${elder.id}/card`, { method: 'POST', token: c.admin.token, body, headers });
  assertProblem(await raw('{"team_phone": '), 400);
  assertProblem(await raw('team_phone=1', { 'content-type': 'text/plain' }), 415);
  assertProblem(await raw(JSON.stringify({ ...PHONES, note: 'x'.repeat(4096) })), 413);
  assertProblem(await send('POST', `${API}/${elder.id}/card`, { ...PHONES, team_phone: '12345' }, c.admin), 422, 'team_phone');
  assertProblem(await send('POST', `${API}/${elder.id}/card`, { committee_phone: 358 }, c.admin), 422, 'committee_phone');
  assertProblem(await send('POST', `${API}/${elder.id}/card`, { ...PHONES, colour: 'red' }, c.admin), 422, 'colour');
  assertProblem(await send('POST', `${API}/999999/card`, PHONES, c.admin), 404);
  assertProblem(await get(`${API}/999999/card.svg`, c.admin), 404);
  assertProblem(await get(`${API}/abc/card`, c.admin), 404);
  assert.equal((await get(`${API}/${elder.id}/card`, c.admin)).body.number, card.number, 'the card is unchanged');
});

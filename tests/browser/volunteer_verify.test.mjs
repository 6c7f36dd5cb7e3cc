// A volunteer service certificate (志愿服务记录证明, docs/volunteers.md
// "Certificates": web/screens/certificate_print.js, screens/verify.js,
// js/volunteer_cert_facts.js) in real Chromium at 360 px, in the volunteers'
// test world (tests/http/lib/volunteer_world.mjs): 夕阳红志愿队's leader
// issues a certificate over November for 张三, who has confirmed records of
// two organisers (生态园社区, 后瓦社区). His printable page shows the title,
// the number, the name, the masked ID, the volunteer number, the period, the
// hours, the content per organiser, the issuer, the responsible person, the
// handler, the contact, the date and the platform's note as the API answers
// them, the QR code image loads (an SVG from the server) with the
// verification address under it; printed, it is one A4 page without the
// app's bars or the page's tools. Signed out, the print page asks to sign
// in, and #/verify/{number} says 有效 with the facts only (no phone, no whole
// ID); after a reissue the old number says 已被新证明取代 and links the new
// one, which is 有效, and his old print page says so too (the new one's
// page in the elder mode); an unknown or malformed number is 查无此证明; a
// number typed in the form (lower case, spaces) is checked. Elder mode
// (20 px text, 60 px targets). Axe on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/browser.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { assertElder } from './lib/elder.mjs';
import { shot } from './lib/shots.mjs';
import { NOW, PERSON, startVolunteerWorld, TODAY } from '../http/lib/volunteer_world.mjs';

const NOTE = '本证明为暖城平台志愿服务记录，尚未接入全国志愿服务信息系统';

let w;
let srv;
let browser;
let team;
let volunteer;
let idNumber;
let cert;
let fresh;

const call = (who, method, path, json, status) => w.api(method, '/api/v1' + path, json, status, who);

// A record by the organiser `org` (its staff, or an admin), confirmed.
async function confirmedRecord(org, who, record) {
  const r = await call(who, 'POST', '/volunteer-records', { volunteer_id: volunteer.id, organiser_org_id: org.id, ...record }, 201);
  await call(who, 'POST', `/volunteer-records/${r.id}/confirm`, {}, 200);
}

before(async () => {
  w = await startVolunteerWorld();
  srv = w.srv;
  team = w.team;
  volunteer = w.volunteer;
  idNumber = (await call(team.leader, 'GET', `/volunteers/${volunteer.id}`, undefined, 200)).id_number;
  await confirmedRecord(w.organiser, w.organiser.staff, { service_date: '2026-11-07', place: '生态园小区', content: '清理小广告', minutes: 150 });
  await confirmedRecord(w.organiser, w.organiser.staff, { service_date: '2026-11-21', place: '生态园小区', content: '清运垃圾', minutes: 60 });
  await confirmedRecord(w.hwOrg, w.admin, { service_date: '2026-11-14', place: '后瓦社区', content: '助老代购', minutes: 60 });
  cert = await call(team.leader, 'POST', '/volunteer-certificates', { volunteer_id: volunteer.id, team_id: team.id, from: '2026-11-01', to: '2026-11-30' }, 201);
  browser = await launch();
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

async function page(hash, settings = { lang: 'zh-CN' }) {
  const p = await browser.context.newPage();
  await p.addInitScript((s) => localStorage.setItem('warmcity.settings', JSON.stringify(s)), settings);
  await p.goto(srv.url + '/' + hash);
  return p;
}

// Signs in and lands on `hash`: { p, watched }. `watch(p)`, when given, is
// called before the submit and its promise is `watched`: a request the landing
// screen sends at once (the QR code) can answer before the URL wait returns,
// so a wait registered afterwards could miss it (CI, stop 36).
async function signedIn(hash, watch) {
  const p = await page('#/signin?next=' + encodeURIComponent(hash));
  await p.locator('#username').fill(PERSON.username);
  await p.locator('#password').fill(PERSON.password);
  const watched = watch?.(p);
  await p.locator('#signin button[type="submit"]').click();
  await p.waitForURL((u) => u.hash === hash);
  return { p, watched };
}

const text = async (p, sel) => (await p.locator(sel).textContent()).trim();

test('the printable page: every fact as the API answers it, the QR code loaded with the address under it; printed, one A4 page without the bars', async () => {
  assert.match(cert.number, /^ZY2026\d{9}$/);
  assert.equal(cert.status, 'valid');
  assert.match(idNumber, /^\d{17}[\dX]$/, 'team staff see the whole ID');
  assert.equal(cert.id_number_masked, `${idNumber.slice(0, 3)}${'*'.repeat(13)}${idNumber.slice(-2)}`);
  assert.equal(cert.hours, 4.5);
  await browser.context.clearCookies();
  const { p, watched: qr } = await signedIn(`#/certificates/${cert.id}/print`,
    (q) => q.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/volunteer-certificates/${cert.id}/qr.svg`));
  await p.locator('#cert-page').waitFor();
  const answer = await qr;
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-type'], /^image\/svg\+xml/);
  await p.waitForFunction(() => document.querySelector('#cert-qr').complete && document.querySelector('#cert-qr').naturalWidth > 0);
  assert.equal(await text(p, '#cert-title'), '志愿服务记录证明');
  assert.equal(await text(p, '#cert-number'), cert.number);
  assert.equal(await text(p, '#cert-body'), `兹证明 张三（身份证件号码 ${cert.id_number_masked}，志愿者编号 ${volunteer.volunteer_no}）于 2026-11-01 至 2026-11-30 期间参加志愿服务，经组织单位确认的服务时长共计 4.5 小时。具体如下：`);
  const facts = {};
  for (const id of ['name', 'id', 'volunteer-no', 'period', 'hours', 'issuer', 'responsible', 'handler', 'contact', 'issued-on']) facts[id] = await text(p, `#cert-${id}`);
  assert.deepEqual(facts, { name: '张三', id: cert.id_number_masked, 'volunteer-no': volunteer.volunteer_no, period: '2026-11-01 至 2026-11-30',
    hours: '4.5 小时', issuer: team.name, responsible: '王建华', handler: cert.handler, contact: '0358-8221234', 'issued-on': TODAY });
  assert.equal(cert.handler, 'xiyang', 'the leader who issued it (display name)');
  assert.equal(cert.issued_on, TODAY);
  assert.equal(await text(p, '#cert-note'), NOTE);
  assert.equal(cert.note, NOTE);
  const rows = await p.locator('#cert-content tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, cert.content.map((l) => [l.organiser.name, String(l.records), (Math.round(l.minutes / 6) / 10).toFixed(1), l.services.join('、')]));
  assert.equal(rows.length, 2, 'one row per organiser');
  assert.equal(await text(p, '#cert-verify-address'), `${srv.url}/#/verify/${cert.number}`);
  assert.ok(!(await p.locator('main').textContent()).includes(idNumber), 'never the whole ID');
  await assertAccessible(p, 'the printable certificate');
  await shot(p, 'volunteer-certificate-print', true);

  await p.setViewportSize({ width: 794, height: 1123 });
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('header.bar').isVisible(), false, 'no header on paper');
  assert.equal(await p.locator('.cert-tools').isVisible(), false, 'no buttons on paper');
  assert.ok(await p.locator('#cert-qr').isVisible(), 'the QR code on paper');
  await shot(p, 'volunteer-certificate-paper', true);
  const pdf = (await p.pdf({ preferCSSPageSize: true })).toString('latin1');
  assert.equal(pdf.match(/\/Type\s*\/Page[^s]/g).length, 1, 'one page');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
  assert.ok(box && Math.abs(box[1] - 595.3) < 1.5 && Math.abs(box[2] - 841.9) < 1.5, `an A4 page: ${box?.[0]}`);
  await p.close();
});

test('signed out: the print page asks to sign in; #/verify/{number} says 有效 with the facts only', async () => {
  await browser.context.clearCookies();
  const print = await page(`#/certificates/${cert.id}/print`);
  await print.locator('#cert-signin').waitFor();
  assert.equal(await print.locator('#cert-page').count(), 0);
  await print.close();

  const p = await page(`#/verify/${cert.number}`);
  await p.locator('#verify-status').waitFor();
  assert.equal(await text(p, '#verify-status'), '✔ 有效');
  assert.equal(await p.locator('#verify-result').getAttribute('data-status'), 'valid');
  const facts = {};
  for (const id of ['number-value', 'name', 'id', 'volunteer-no', 'period', 'hours', 'issuer', 'responsible', 'contact', 'issued-on']) facts[id] = await text(p, `#verify-${id}`);
  assert.deepEqual(facts, { 'number-value': cert.number, name: '张三', id: cert.id_number_masked, 'volunteer-no': volunteer.volunteer_no,
    period: '2026-11-01 至 2026-11-30', hours: '4.5 小时', issuer: team.name, responsible: '王建华', contact: '0358-8221234', 'issued-on': TODAY });
  assert.equal(await p.locator('#verify-content tbody tr').count(), 2);
  assert.equal(await text(p, '#verify-note'), NOTE);
  const main = await p.locator('main').textContent();
  assert.ok(!main.includes(PERSON.phone) && !main.includes(idNumber), 'no phone, no whole ID');
  await assertAccessible(p, 'a valid certificate verified');
  await shot(p, 'volunteer-verify-valid', true);
  await p.close();
});

test('after a reissue: the old number says 已被新证明取代 and links the new one, which is 有效; his old print page says so', async () => {
  fresh = await call(team.leader, 'POST', `/volunteer-certificates/${cert.id}/reissue`, {}, 201);
  assert.notEqual(fresh.number, cert.number);
  await browser.context.clearCookies();
  const p = await page(`#/verify/${cert.number}`);
  await p.locator('#verify-status').waitFor();
  assert.equal(await p.locator('#verify-result').getAttribute('data-status'), 'superseded');
  assert.equal(await text(p, '#verify-status'), `✖ 已被新证明取代 新证明编号： ${fresh.number}`);
  assert.equal(await p.locator('#verify-status-new').getAttribute('href'), `#/verify/${fresh.number}`);
  await assertAccessible(p, 'a superseded certificate');
  await shot(p, 'volunteer-verify-superseded', true);
  await p.locator('#verify-status-new').click();
  await p.waitForURL((u) => u.hash === `#/verify/${fresh.number}`);
  await p.locator('#verify-result[data-status="valid"]').waitFor();
  assert.equal(await text(p, '#verify-number-value'), fresh.number);
  assert.equal(await text(p, '#verify-hours'), '4.5 小时');
  await p.close();

  const { p: old } = await signedIn(`#/certificates/${cert.id}/print`);
  await old.locator('#cert-superseded').waitFor();
  assert.match(await text(old, '#cert-superseded'), /本证明已被新证明取代，不再有效。/);
  assert.equal(await old.locator('#cert-superseded-new').getAttribute('href'), `#/certificates/${fresh.id}/print`);
  await old.goto(srv.url + '/#/me/volunteer');
  await old.locator(`#vol-cert-${fresh.id}`).waitFor();
  assert.equal(await old.locator(`#vol-cert-${cert.id}`).getAttribute('data-status'), 'superseded');
  assert.equal(await old.locator(`#vol-cert-${fresh.id}`).getAttribute('data-status'), 'valid');
  assert.equal(await old.locator(`#vol-cert-print-${fresh.id}`).getAttribute('href'), `#/certificates/${fresh.id}/print`);
  await old.close();

  const elder = await page(`#/certificates/${fresh.id}/print`, { lang: 'zh-CN', elder: true });
  await elder.locator('#cert-page').waitFor();
  assert.equal(await text(elder, '#cert-number'), fresh.number);
  assert.equal(await elder.locator('#cert-superseded').count(), 0, 'the new one is not superseded');
  await assertElder(elder, 'the printable certificate, elder mode');
  await assertAccessible(elder, 'the printable certificate, elder mode');
  await elder.close();
});

test('an unknown or a malformed number is 查无此证明; a number typed in the form is checked; elder mode', async () => {
  await browser.context.clearCookies();
  const p = await page('#/verify/ZY2026000000000');
  await p.locator('#verify-result[data-status="unknown"]').waitFor();
  assert.equal(await text(p, '#verify-status'), '✖ 查无此证明');
  assert.equal(await text(p, '#verify-unknown-why'), '没有编号为 ZY2026000000000 的证明。请核对编号是否输入正确。');
  await assertAccessible(p, 'an unknown number');
  await p.goto(srv.url + '/#/verify/abc');
  await p.locator('#verify-result[data-status="unknown"] #verify-unknown-why', { hasText: 'ABC' }).waitFor();
  assert.equal(await text(p, '#verify-status'), '✖ 查无此证明');
  await p.goto(srv.url + '/#/verify');
  await p.locator('#verify-form').waitFor();
  assert.equal(await p.locator('#verify-result').count(), 0);
  const typed = ` ${fresh.number.slice(0, 6).toLowerCase()} ${fresh.number.slice(6)} `;
  await p.locator('#verify-input').fill(typed);
  await p.locator('#verify-send').click();
  await p.waitForURL((u) => u.hash === `#/verify/${fresh.number}`);
  await p.locator('#verify-result[data-status="valid"]').waitFor();
  await p.close();

  const elder = await page(`#/verify/${cert.number}`, { lang: 'zh-CN', elder: true });
  await elder.locator('#verify-result[data-status="superseded"]').waitFor();
  await assertElder(elder, 'verification, elder mode');
  await assertAccessible(elder, 'verification, elder mode');
  await shot(elder, 'volunteer-verify-elder', true);
  await elder.close();
});

// The volunteer team's desk and the organisers' shifts (docs/volunteers.md;
// web/screens/volunteer_desk.js, volunteer_shifts.js, js/volunteer_desk_*.js)
// in real Chromium on the demo, the server's and the browser's clocks on a
// Monday at 11:45. Made through the API: the team 夕阳红志愿服务队 (a
// volunteer_team organisation of a demo community) with its leader 刘队长,
// a second team 蒲公英志愿服务队, and the team's activity 清理小广告 today
// 09:00–12:00. The leader opens the desk from the workbench and registers
// 王秀兰 with every field (nothing sent while a field is wrong; the server's
// 422 for a phone said by the phone box in Chinese), a 16-year-old whose form
// asks for a guardian's consent as soon as the birth date is typed, a
// 12-year-old refused by the birth date; 赵建国, already registered by the
// other team, is offered and added to this team (409 already_registered);
// an edit sends only the changed field; the search finds by name. Then the
// shifts: a shift made on today's date with its check-in code shown large
// (the API's code), 王秀兰 signed up from the list, checked in at 09:00 and
// out at 11:30 (2小时30分), 确认全部工时 confirms the record. A volunteer with
// an account asks for a certificate: the desk answers it and opens the print
// page; a reissue supersedes; a certificate issued directly; a period with
// no hours refused in words. The organiser's outcomes, a record confirmed, a
// dispute answered with a correction. The other team's leader sees his own
// team only and lets 赵建国 leave it. The team's shifts on the desk: the
// leader cancels one of his team's activity with a reason (nothing sent
// without it; 取消岗位 disabled while it is sent; its sign-up cancelled with
// it; one cancelled meanwhile redrawn with the refusal in words), and the
// staff of 西关社区 cancel theirs from the organisers' desk (not one they
// cancelled already). Axe on each;
// screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signedInPage } from './lib/browser.mjs';
import { startDemoServer } from './lib/demo.mjs';
import { assertAccessible } from './lib/axe.mjs';
import { shot } from './lib/shots.mjs';

const NOW = '2026-12-07T11:45:00+08:00';
const TODAY = '2026-12-07';
const LEADER = { username: 'vol.leader', password: 'leader-pass-1', display_name: '刘队长', role: 'worker' };
const OTHER_LEADER = { username: 'vol.other', password: 'other-pass-1', display_name: '周队长', role: 'worker' };
const HELPER = { username: 'vol.helper', password: 'helper-pass-1', display_name: '陈志愿', phone: '13812340777', role: 'resident' };

let srv;
let admin;
let browser;
let team;
let otherTeam;
let leader;
let occurrence;

async function call(who, method, path, json, status) {
  const r = await srv.fetch('/api/v1' + path, { method, token: who.token, json });
  assert.equal(r.status, status, `${method} ${path}: ${r.text.slice(0, 400)}`);
  return r.body;
}

// A volunteer_team organisation whose parent is the demo's community organisation `parentName` (its community).
async function makeTeam(name, parentName) {
  const made = await call(admin, 'POST', '/organisations', { kind: 'volunteer_team', name }, 201);
  const orgs = (await call(admin, 'GET', '/organisations?limit=200', undefined, 200)).items;
  const parent = orgs.find((o) => o.name === parentName && o.kind === 'community');
  assert.ok(parent, `the demo's community organisation ${parentName}`);
  return call(admin, 'PUT', `/volunteer-teams/${made.id}`, { parent_org_id: parent.id }, 200);
}

// A user made by the admin (a member of `orgIds`) and signed in: {…user, token, id}.
async function person(user, orgIds = []) {
  await call(admin, 'POST', '/users', { ...user, organisation_ids: orgIds }, 201);
  const s = await srv.login(user.username, user.password);
  const me = await srv.fetch('/api/v1/me', { token: s.token });
  return { ...user, token: s.token, id: me.body.id };
}

const volunteerBody = (over) => ({ name: '赵建国', phone: '13912340003', id_type: 'resident_id', id_number: '141102197505051237',
  birth_date: '1975-05-05', gender: 'male', skills: [], availability: '', trainings: [], insurance_until: null, public_name: false, ...over });

before(async () => {
  ({ srv, admin } = await startDemoServer({ now: NOW }));
  const communities = (await srv.fetch('/api/v1/areas/communities')).body.items;
  team = await makeTeam('夕阳红志愿服务队', '西关社区');
  otherTeam = await makeTeam('蒲公英志愿服务队', '交通路社区');
  leader = await person(LEADER, [team.id]);
  const other = await person(OTHER_LEADER, [otherTeam.id]);
  // 赵建国 is the other team's: the leader's registration of the same ID finds him.
  await call(other, 'POST', '/volunteers', { team_id: otherTeam.id, ...volunteerBody() }, 201);
  const made = await call(admin, 'POST', '/activities', { organiser_org_id: team.id, title: '清理小广告', description: '凤山路沿线',
    address: '凤山路与永宁路口', community_id: communities[0].id, capacity: 20, first_date: TODAY, start_time: '09:00',
    duration_minutes: 180, repeat: 'none' }, 201);
  occurrence = made.occurrences[0];
  browser = await launch({ viewport: { width: 1024, height: 900 } });
  await browser.context.clock.setFixedTime(new Date(NOW));
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const signedIn = (who) => signedInPage(browser, srv.url, who);

// The API's requests a page sends, as {method, path, body}.
function watchWrites(page) {
  const seen = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/v1/') && r.method() !== 'GET') seen.push({ method: r.method(), path: u.pathname, body: r.postData() });
  });
  return seen;
}

const roster = async () => (await call(leader, 'GET', `/volunteers?team_id=${team.id}`, undefined, 200)).items;
const fieldError = (page, field) => page.locator(`#vf-form [data-for="${field}"] .field-error`);

test('the leader registers volunteers: every field, the server\'s 422 by its field, a minor\'s guardian, the one already registered', async () => {
  const page = await signedIn(LEADER);
  const writes = watchWrites(page);
  await page.locator('#vdesk-link').click();
  await page.locator('.vdesk[data-ready="1"]').waitFor();
  assert.equal(await page.locator('#vdesk-team-name').textContent(), '服务队：夕阳红志愿服务队', 'his one team');
  assert.equal(await page.locator('#vdesk-none').textContent(), '本队还没有志愿者。');
  assert.match(await page.locator('#vdesk-facts').textContent(), /所属社区西关.*上级组织西关社区/, 'its community through its parent');
  await assertAccessible(page, 'the team desk, empty');

  // Nothing is sent while the form is wrong.
  await page.locator('#vdesk-new').click();
  assert.equal(await page.locator('#vf-guardian').isHidden(), true, 'no guardian before a birth date');
  await page.locator('#vf-save').click();
  await fieldError(page, 'name').waitFor();
  assert.equal(await fieldError(page, 'name').textContent(), '请填写姓名（1–40个字）。');
  assert.equal(await fieldError(page, 'birth_date').textContent(), '请填写出生日期（不能晚于今天）。');
  assert.equal(await page.locator('#vf-name').getAttribute('aria-invalid'), 'true');
  assert.equal(writes.length, 0, 'nothing sent');

  // Every field; a phone only the server refuses comes back by its box, in Chinese.
  await page.locator('#vf-name').fill('王秀兰');
  await page.locator('#vf-phone').fill('1234567');
  await page.locator('#vf-id-type').selectOption('resident_id');
  await page.locator('#vf-id-number').fill('14110219720302122x');
  await page.locator('#vf-birth').fill('1972-03-02');
  await page.locator('#vf-gender').selectOption('female');
  await page.locator('#vf-skills').fill('清理小广告、绿化');
  await page.locator('#vf-availability').fill('周末上午');
  await page.locator('#vf-training-add').click();
  await page.locator('#vf-training-name-0').fill('安全培训');
  await page.locator('#vf-training-date-0').fill('2026-11-20');
  await page.locator('#vf-insurance').fill('2027-06-30');
  await page.locator('#vf-public').check();
  assert.equal(await page.locator('#vf-guardian').isHidden(), true, 'an adult needs no guardian');
  await page.locator('#vf-save').click();
  await fieldError(page, 'phone').waitFor();
  assert.equal(await fieldError(page, 'phone').textContent(), '电话号码不正确。');
  assert.equal(writes.length, 1, 'one POST, refused');
  await page.locator('#vf-phone').fill('13912340001');
  await page.locator('#vf-save').click();
  await page.locator('#vdesk-status', { hasText: '已登记：王秀兰' }).waitFor();
  const [wang] = await roster();
  assert.equal(wang.name, '王秀兰');
  assert.equal(wang.id_number, '14110219720302122X', 'the team staff see it whole, X upper-case');
  assert.deepEqual(wang.skills, ['清理小广告', '绿化']);
  assert.deepEqual(wang.trainings, [{ name: '安全培训', completed_on: '2026-11-20' }]);
  assert.equal(wang.insurance_until, '2027-06-30');
  assert.equal(wang.public_name, true);
  assert.equal(wang.gender, 'female');
  assert.equal(wang.availability, '周末上午');
  assert.match(await page.locator(`#vdesk-v-${wang.id}`).textContent(), /14110219720302122X/);

  // A minor: the guardian's consent appears with the birth date.
  await page.locator('#vdesk-new').click();
  await page.locator('#vf-name').fill('李小明');
  await page.locator('#vf-phone').fill('13912340002');
  await page.locator('#vf-id-number').fill('14110220100512345X');
  await page.locator('#vf-birth').fill('2010-05-12');
  await page.locator('#vf-guardian').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#vf-age').textContent(), '未满18周岁：请填写监护人同意。');
  await page.locator('#vf-save').click();
  await fieldError(page, 'guardian_consent.guardian_name').waitFor();
  assert.equal(await fieldError(page, 'guardian_consent.relation').textContent(), '请填写与志愿者的关系（1–10个字）。');
  await assertAccessible(page, 'the form of a minor');
  await page.locator('#vf-g-name').fill('李娟');
  await page.locator('#vf-g-phone').fill('13812340502');
  await page.locator('#vf-g-relation').fill('母亲');
  await page.locator('#vf-save').click();
  await page.locator('#vdesk-status', { hasText: '已登记：李小明' }).waitFor();
  const li = (await roster()).find((v) => v.name === '李小明');
  assert.equal(li.minor, true);
  assert.equal(li.guardian_consent.guardian_name, '李娟');
  assert.equal(li.guardian_consent.relation, '母亲');
  assert.match(await page.locator(`#vdesk-v-${li.id}`).textContent(), /未成年/);

  // Twelve: refused by the birth date, nothing sent.
  const before = writes.length;
  await page.locator('#vdesk-new').click();
  await page.locator('#vf-name').fill('张小红');
  await page.locator('#vf-phone').fill('13912340004');
  await page.locator('#vf-id-number').fill('141102201401011234');
  await page.locator('#vf-birth').fill('2014-01-01');
  await page.locator('#vf-save').click();
  await fieldError(page, 'birth_date').waitFor();
  assert.equal(await fieldError(page, 'birth_date').textContent(), '志愿者须年满14周岁。');
  assert.equal(writes.length, before, 'nothing sent');
  await page.locator('#vf-cancel').click();

  // 赵建国 is the other team's: 409 already_registered, then added to this team.
  await page.locator('#vdesk-new').click();
  await page.locator('#vf-name').fill('赵建国');
  await page.locator('#vf-phone').fill('13912340003');
  await page.locator('#vf-id-number').fill('141102197505051237');
  await page.locator('#vf-birth').fill('1975-05-05');
  await page.locator('#vf-save').click();
  await page.locator('#vf-registered').waitFor();
  assert.match(await page.locator('#vf-registered').textContent(), /已经登记过了/);
  await page.locator('#vf-join').click();
  await page.locator('#vdesk-status', { hasText: '赵建国 已加入本队。' }).waitFor();
  const zhao = (await roster()).find((v) => v.name === '赵建国');
  assert.deepEqual(zhao.teams.map((x) => x.name).sort(), ['夕阳红志愿服务队', '蒲公英志愿服务队'].sort());
  assert.equal(await page.locator('#vdesk-roster .vdesk-volunteer').count(), 3);

  // An edit sends the changed field only.
  await page.locator(`#vdesk-edit-${wang.id}`).click();
  assert.equal(await page.locator('#vf-name').inputValue(), '王秀兰');
  await page.locator('#vf-availability').fill('周末全天');
  await page.locator('#vf-save').click();
  await page.locator('#vdesk-status', { hasText: '已保存 王秀兰 的修改。' }).waitFor();
  const put = writes.filter((w) => w.method === 'PUT').at(-1);
  assert.equal(put.path, `/api/v1/volunteers/${wang.id}`);
  assert.deepEqual(JSON.parse(put.body), { availability: '周末全天' });

  // The search by a part of the name.
  await page.locator('#vdesk-q').fill('李');
  await page.locator('#vdesk-search-go').click();
  await page.locator('#vdesk-count', { hasText: '共 1 人' }).waitFor();
  assert.equal(await page.locator('#vdesk-roster .vdesk-volunteer h3').first().textContent(), `李小明 ${li.volunteer_no}`);

  // The team's certificate facts.
  await page.locator('#vdesk-facts-edit').click();
  await page.locator('#vdesk-facts-person').fill('刘建华');
  await page.locator('#vdesk-facts-phone').fill('0358-8221234');
  await page.locator('#vdesk-facts-save').click();
  await page.locator('#vdesk-facts-responsible', { hasText: '刘建华' }).waitFor();
  const teams = (await srv.fetch('/api/v1/volunteer-teams')).body.items;
  const mine = teams.find((x) => x.id === team.id);
  assert.equal(mine.responsible_person, '刘建华');
  assert.equal(mine.contact_phone, '0358-8221234');
  await page.close();
});

test('a shift on today\'s date: its code large, the leader\'s list checks in and out, 确认全部工时', async () => {
  const page = await signedIn(LEADER);
  await page.locator('#vshift-link').click();
  await page.locator(`#vshift-occ-${occurrence.id}`).click();
  await page.locator('#vshift-occ').waitFor();
  await page.locator('#vshift-new').click();
  assert.equal(await page.locator('#vshift-new-from').inputValue(), '09:00', 'the date\'s start');
  assert.equal(await page.locator('#vshift-new-to').inputValue(), '12:00');
  await page.locator('#vshift-new-title-box').fill('清理小广告');
  await page.locator('#vshift-new-capacity').fill('5');
  await page.locator('#vshift-new-team').selectOption(String(team.id));
  await page.locator('#vshift-new-go').click();
  await page.locator('#vshift-made-code').waitFor();
  const code = await page.locator('#vshift-made-code').textContent();
  assert.match(code, /^\d{6}$/);
  const listed = (await srv.fetch(`/api/v1/activity-occurrences/${occurrence.id}/shifts`)).body.items;
  assert.equal(listed.length, 1);
  const shift = await call(leader, 'GET', `/volunteer-shifts/${listed[0].id}`, undefined, 200);
  assert.equal(shift.code, code, 'the API\'s code');
  assert.equal(listed[0].code, undefined, 'the public list has no code');
  const size = await page.locator('#vshift-made-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 30, `large: ${size}px`);

  await page.locator('#vshift-made-open').click();
  await page.locator('#vshift-code').waitFor();
  assert.equal(await page.locator('#vshift-code').textContent(), code);
  const wang = (await roster()).find((v) => v.name === '王秀兰');
  await page.locator('#vshift-add-volunteer').selectOption(String(wang.id));
  await page.locator('#vshift-add-go').click();
  const row = page.locator(`#vshift-signups tr[data-volunteer="${wang.id}"]`);
  await row.waitFor();
  assert.equal(await row.locator('.vshift-state').textContent(), '已报名');
  assert.match(await page.locator('#vshift-facts').textContent(), /名额 5，剩余 4/);
  const sid = await row.getAttribute('data-id');
  await assertAccessible(page, 'the shift\'s list');
  await page.locator(`#vshift-at-${sid}`).fill('09:00');
  await page.locator(`#vshift-in-${sid}`).click();
  await page.locator(`#vshift-signup-${sid}[data-state="in"]`).waitFor();
  assert.equal(await page.locator(`#vshift-signup-${sid} .vshift-in-at`).textContent(), '09:00');
  await page.locator(`#vshift-at-${sid}`).fill('11:30');
  await page.locator(`#vshift-out-${sid}`).click();
  await page.locator(`#vshift-signup-${sid}[data-state="out"]`).waitFor();
  assert.equal(await page.locator(`#vshift-signup-${sid} .vshift-minutes`).textContent(), '2小时30分');
  await shot(page, 'volunteer-shift-list', true);
  await page.locator('#vshift-confirm').click();
  await page.locator('#vshift-status', { hasText: '已确认 1 条工时记录。' }).waitFor();
  const records = await call(leader, 'GET', `/volunteers/${wang.id}/records`, undefined, 200);
  assert.equal(records.total_minutes, 150);
  assert.deepEqual(records.items.map((r) => [r.state, r.minutes, r.content, r.source]), [['confirmed', 150, '清理小广告', 'shift']]);
  await page.close();
});

test('a certificate request answered and printed; a reissue; a certificate issued directly; no hours refused in words', async () => {
  // 陈志愿 has an account, served two hours on a record the leader confirmed, and asks for a certificate.
  const helperUser = await person(HELPER);
  const chen = await call(leader, 'POST', '/volunteers', { team_id: team.id, ...volunteerBody({ name: '陈志愿', phone: HELPER.phone,
    id_number: '141102199001011235', birth_date: '1990-01-01', gender: null, user_id: helperUser.id }) }, 201);
  const rec = await call(leader, 'POST', '/volunteer-records', { volunteer_id: chen.id, organiser_org_id: team.id, service_date: '2026-12-05',
    place: '凤山路', content: '清理小广告', minutes: 120 }, 201);
  await call(leader, 'POST', `/volunteer-records/${rec.id}/confirm`, {}, 200);
  const asked = await call(helperUser, 'POST', '/me/volunteer/certificate-requests', { team_id: team.id, from: '2026-12-01', to: TODAY }, 201);

  const page = await signedIn(LEADER);
  await page.goto(srv.url + '/#/staff/volunteers');
  await page.locator(`#vdesk-req-${asked.id}`).waitFor();
  assert.match(await page.locator(`#vdesk-req-${asked.id}`).textContent(), /陈志愿.*2026-12-01 至 2026-12-07/);
  await page.locator(`#vdesk-req-open-${asked.id}`).click();
  assert.equal(await page.locator(`#vdesk-req-${asked.id}-issue-from`).inputValue(), '2026-12-01', 'the period asked');
  await page.locator(`#vdesk-req-${asked.id}-issue-go`).click();
  const done = page.locator(`#vdesk-req-${asked.id}-done`);
  await done.waitFor();
  const certId = await done.getAttribute('data-cert');
  const cert = await call(leader, 'GET', `/volunteer-certificates/${certId}`, undefined, 200);
  assert.equal(cert.request_id, asked.id);
  assert.equal(cert.minutes, 120);
  assert.match(await done.textContent(), new RegExp(`已开具证明 ${cert.number}（2026-12-01 至 2026-12-07，共 2小时）`));
  const open = (await call(leader, 'GET', `/volunteer-certificate-requests?team_id=${team.id}&state=open`, undefined, 200)).items;
  assert.equal(open.length, 0, 'answered');
  await shot(page, 'volunteer-desk', true);
  const link = page.locator(`#vdesk-req-${asked.id}-done-print`);
  assert.equal(await link.getAttribute('href'), `#/certificates/${certId}/print`);
  const [printPage] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await printPage.waitForURL(new RegExp(`#/certificates/${certId}/print$`));
  await printPage.getByText(cert.number).first().waitFor();
  await printPage.close();

  // Reissued: a new number, the old one superseded.
  await page.locator(`#vdesk-certs-open-${chen.id}`).click();
  await page.locator(`#vdesk-cert-${certId}`).waitFor();
  await page.locator(`#vdesk-reissue-${certId}`).click();
  await page.locator(`#vdesk-cert-${certId}[data-status="superseded"]`).waitFor();
  assert.equal((await call(leader, 'GET', `/volunteer-certificates/${certId}`, undefined, 200)).status, 'superseded');

  // 王秀兰's hours of the shift, issued directly; 李小明 has none.
  const wang = (await roster()).find((v) => v.name === '王秀兰');
  await page.locator(`#vdesk-certs-open-${wang.id}`).click();
  await page.locator(`#vdesk-issue-${wang.id}-go`).click();
  await page.locator(`#vdesk-issued-${wang.id}`).waitFor();
  assert.match(await page.locator(`#vdesk-issued-${wang.id}`).textContent(), /共 2小时30分/);
  const li = (await roster()).find((v) => v.name === '李小明');
  await page.locator(`#vdesk-certs-open-${li.id}`).click();
  await page.locator(`#vdesk-issue-${li.id}-go`).click();
  await page.locator(`#vdesk-issue-${li.id}-form .error`, { hasText: '这段时间里没有已确认的服务时长，不能出具证明。' }).waitFor();
  await assertAccessible(page, 'the desk with certificates');
  await page.close();
});

test('the organiser records outcomes, confirms a record and answers a dispute with a correction', async () => {
  const helperUser = { token: (await srv.login(HELPER.username, HELPER.password)).token };
  const chen = (await roster()).find((v) => v.name === '陈志愿');
  const submitted = await call(leader, 'POST', '/volunteer-records', { volunteer_id: chen.id, organiser_org_id: team.id, service_date: TODAY,
    place: '永宁路', content: '活动引导', minutes: 90 }, 201);
  const disputed = (await call(helperUser, 'GET', '/me/volunteer/records', undefined, 200)).items.find((r) => r.state === 'confirmed');
  const dispute = await call(helperUser, 'POST', `/volunteer-records/${disputed.id}/disputes`, { text: '那天我干了两个半小时，不是两个小时。' }, 201);

  const page = await signedIn(LEADER);
  await page.goto(srv.url + `/#/staff/volunteer-shifts?occ=${occurrence.id}`);
  await page.locator('#vout-form').waitFor();
  const kinds = (await srv.fetch('/api/v1/volunteer-outcome-kinds')).body.items;
  assert.ok(kinds.some((k) => k.code === 'rubbish_m3'));
  await page.locator('#vout-kind-0').selectOption('ads_removed');
  await page.locator('#vout-quantity-0').fill('35');
  await page.locator('#vout-team-0').selectOption(String(team.id));
  await page.locator('#vout-add').click();
  await page.locator('#vout-kind-1').selectOption('rubbish_m3');
  await page.locator('#vout-quantity-1').fill('1.25');
  await page.locator('#vout-save').click();
  await page.locator('#vout-form [data-for="items[1].quantity"] .field-error').waitFor();
  assert.equal(await page.locator('#vout-form [data-for="items[1].quantity"] .field-error').textContent(), '请填写不小于0的数，最多一位小数。');
  await page.locator('#vout-quantity-1').fill('1.5');
  await page.locator('#vout-save').click();
  await page.locator('#vout-status', { hasText: '已保存 2 项成果。' }).waitFor();
  const outcomes = (await srv.fetch(`/api/v1/activity-occurrences/${occurrence.id}/outcomes`)).body.items;
  assert.deepEqual(outcomes.map((o) => [o.kind, o.quantity]).sort(), [['ads_removed', 35], ['rubbish_m3', 1.5]]);

  // The submitted record, confirmed.
  const item = page.locator(`#vledger-record-${submitted.id}`);
  await item.waitFor();
  assert.match(await item.textContent(), new RegExp(`${TODAY} · 陈志愿 V\\d{8} · 活动引导 · 永宁路 · 1小时30分 · 手工录入`));
  await page.locator(`#vledger-confirm-${submitted.id}`).click();
  await page.locator('#vledger-records-status', { hasText: '已确认' }).waitFor();
  await item.waitFor({ state: 'detached' });
  assert.equal((await call(leader, 'GET', `/volunteers/${chen.id}/records`, undefined, 200)).items.find((r) => r.id === submitted.id).state, 'confirmed');

  // The dispute, answered with a correction of 30 minutes: nothing sent without a reason.
  await page.locator(`#vledger-d-${dispute.id}`).waitFor();
  assert.match(await page.locator(`#vledger-d-${dispute.id}`).textContent(), /2026-12-05 · 陈志愿 V\d{8} · 清理小广告 · 凤山路 · 2小时 · 手工录入.*两个半小时/,
    'the record disputed, whose it is, and the words');
  await page.locator(`#vledger-d-${dispute.id}-answer`).fill('核对签到表，确实少记了半小时，已更正。');
  await page.locator(`#vledger-d-${dispute.id}-correct`).check();
  await page.locator(`#vledger-d-${dispute.id}-minutes`).fill('30');
  await page.locator(`#vledger-d-${dispute.id}-go`).click();
  await page.locator(`#vledger-d-${dispute.id}-form [data-for="correction.reason"] .field-error`).waitFor();
  await page.locator(`#vledger-d-${dispute.id}-reason`).fill('签到表记录的签退时间是11:30');
  await page.locator(`#vledger-d-${dispute.id}-go`).click();
  await page.locator('#vledger-disputes-status', { hasText: '已答复。' }).waitFor();
  await assertAccessible(page, 'the organiser\'s ledger');
  const after = await call(leader, 'GET', `/volunteers/${chen.id}/records`, undefined, 200);
  const correction = after.items.find((r) => r.corrects_id === disputed.id);
  assert.equal(correction.minutes, 30);
  assert.equal(correction.reason, '签到表记录的签退时间是11:30');
  assert.equal(after.total_minutes, 120 + 90 + 30);
  await page.close();
});

test('a resident is turned away; the other team\'s leader sees only his own team and lets a volunteer leave it', async () => {
  const page = await signedIn(OTHER_LEADER);
  await page.goto(srv.url + '/#/staff/volunteers');
  await page.locator('.vdesk[data-ready="1"]').waitFor();
  assert.equal(await page.locator('#vdesk-team-name').textContent(), '服务队：蒲公英志愿服务队');
  assert.equal(await page.locator('#vdesk-roster .vdesk-volunteer').count(), 1, 'only 赵建国');
  // 赵建国 leaves this team (asked once more); he stays in 夕阳红.
  const zhao = (await roster()).find((v) => v.name === '赵建国');
  await page.locator(`#vdesk-leave-${zhao.id}`).click();
  await page.locator(`#vdesk-leave-confirm-${zhao.id}`).click();
  await page.locator('#vdesk-status', { hasText: '赵建国 已离开本队' }).waitFor();
  await page.locator('#vdesk-none').waitFor();
  const teams = (await call(leader, 'GET', `/volunteers/${zhao.id}`, undefined, 200)).teams;
  assert.ok(teams.find((x) => x.name === '蒲公英志愿服务队').left_at, 'the membership keeps its dates');
  assert.equal(teams.find((x) => x.name === '夕阳红志愿服务队').left_at, null);
  await page.close();
  const resident = await signedIn(HELPER);
  await resident.goto(srv.url + '/#/staff/volunteers');
  await resident.locator('#vdesk-no-team').waitFor();
  assert.match(await resident.locator('#vdesk-no-team').textContent(), /工作人员的页面/);
  await resident.close();
});

test('the team\'s shifts: the organiser cancels one with a reason, its sign-up with it; a refusal in words; the community\'s staff cancel theirs', async () => {
  const weekend = (await call(admin, 'POST', '/activities', { organiser_org_id: team.id, title: '周末清扫', address: '凤山路与永宁路口',
    capacity: 20, first_date: '2026-12-12', start_time: '09:00', duration_minutes: 120, repeat: 'none' }, 201)).occurrences[0];
  const newShift = (who, occ, title) => call(who, 'POST', `/activity-occurrences/${occ.id}/shifts`,
    { title, starts_at: '09:00', ends_at: '11:00', capacity: 4, team_id: team.id }, 201);
  const sweep = await newShift(leader, weekend, '周末清扫');
  const gone = await newShift(leader, weekend, '周末宣传');
  const wang = (await roster()).find((v) => v.name === '王秀兰');
  await call(leader, 'POST', `/volunteer-shifts/${sweep.id}/signups`, { volunteer_id: wang.id }, 201);
  // 西关社区's own activity, run by the team: the leader keeps its list but does not organise it.
  const theirs = (await call(admin, 'POST', '/activities', { organiser_org_id: team.parent.id, title: '垃圾分类宣传', address: '西关广场',
    capacity: 20, first_date: '2026-12-13', start_time: '09:00', duration_minutes: 120, repeat: 'none' }, 201)).occurrences[0];
  const community = await newShift(admin, theirs, '垃圾分类宣传');

  const page = await signedIn(LEADER);
  const writes = watchWrites(page);
  await page.goto(srv.url + '/#/staff/volunteers');
  const item = page.locator(`#vteam-shift-${sweep.id}`);
  await item.waitFor();
  assert.match(await page.locator(`#vteam-${team.id}-note`).textContent(), /2026-12-07 至 2027-01-06/);
  assert.match(await item.textContent(), /2026-12-12 09:00–11:00 周末清扫.*名额 4，已报名 1 人，已签到 0 人/);
  assert.ok(!(await page.locator(`#vteam-${team.id}`).textContent()).includes('王秀兰'), 'no names');
  assert.equal(await page.locator(`#vteam-cancel-${community.id}`).count(), 0, 'not his to cancel');
  assert.equal(await page.locator(`#vteam-open-${community.id}`).count(), 1, 'but he keeps its list');

  // Nothing is sent without a reason.
  await page.locator(`#vteam-cancel-${sweep.id}`).click();
  await page.locator(`#vteam-cancel-go-${sweep.id}`).click();
  const reasonError = page.locator(`#vteam-cancel-form-${sweep.id} [data-for="reason"] .field-error`);
  await reasonError.waitFor();
  assert.equal(await reasonError.textContent(), '请填写取消原因（1–200个字）。');
  assert.equal(writes.length, 0, 'nothing sent');
  await assertAccessible(page, 'the team\'s shifts with the cancel form');
  await page.locator(`#vteam-reason-${sweep.id}`).fill('  下雨改期 ');
  // While the request is pending 取消岗位 is disabled: no second form opens.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const cancelPath = `/api/v1/volunteer-shifts/${sweep.id}/cancel`;
  await page.route((url) => url.pathname === cancelPath, async (route) => { await gate; await route.continue(); });
  await page.locator(`#vteam-cancel-go-${sweep.id}`).click();
  await page.locator(`#vteam-cancel-${sweep.id}:disabled`).waitFor();
  release();
  await page.locator(`#vteam-${team.id}-status`, { hasText: '已取消岗位“周末清扫”，1 人的报名一并取消。' }).waitFor();
  await page.unroute((url) => url.pathname === cancelPath);
  await page.locator(`#vteam-shift-${sweep.id}[data-status="cancelled"]`).waitFor();
  assert.match(await page.locator(`#vteam-shift-${sweep.id}`).textContent(), /已取消：下雨改期/);
  assert.equal(await page.locator(`#vteam-cancel-${sweep.id}`).count(), 0);
  assert.deepEqual(writes.map((x) => [x.method, x.path, JSON.parse(x.body)]),
    [['POST', `/api/v1/volunteer-shifts/${sweep.id}/cancel`, { reason: '下雨改期' }]]);
  const view = await call(leader, 'GET', `/volunteer-shifts/${sweep.id}`, undefined, 200);
  assert.deepEqual([view.status, view.cancel_reason, view.signups.map((g) => g.status)], ['cancelled', '下雨改期', ['cancelled']]);
  await shot(page, 'volunteer-team-shifts', true);

  // Cancelled meanwhile by someone else: the list redrawn as it is now (the
  // shift cancelled, no form, no 取消岗位) and the refusal in words above it.
  await call(admin, 'POST', `/volunteer-shifts/${gone.id}/cancel`, { reason: '重复设置' }, 200);
  await page.locator(`#vteam-cancel-${gone.id}`).click();
  await page.locator(`#vteam-reason-${gone.id}`).fill('重复设置');
  await page.locator(`#vteam-cancel-go-${gone.id}`).click();
  await page.locator(`#vteam-${team.id}-status.error`, { hasText: '已经取消过了。' }).waitFor();
  await page.locator(`#vteam-shift-${gone.id}[data-status="cancelled"]`).waitFor();
  assert.match(await page.locator(`#vteam-shift-${gone.id}`).textContent(), /已取消：重复设置/);
  assert.equal(await page.locator(`#vteam-cancel-form-${gone.id}`).count(), 0);
  assert.equal(await page.locator(`#vteam-cancel-${gone.id}`).count(), 0);
  await page.close();

  // 西关社区's worker: the team belongs to his community, so its shifts are on the organisers' desk.
  // He organises 垃圾分类宣传: the one cancelled already has no 取消岗位, the active one has.
  const dropped = await newShift(admin, theirs, '垃圾分类宣传（取消）');
  await call(admin, 'POST', `/volunteer-shifts/${dropped.id}/cancel`, { reason: '人手已够' }, 200);
  await person({ username: 'xiguan.worker', password: 'xiguan-pass-1', display_name: '西关网格员', role: 'worker' }, [team.parent.id]);
  const worker = await signedIn({ username: 'xiguan.worker', password: 'xiguan-pass-1' });
  await worker.goto(srv.url + `/#/staff/volunteer-shifts?org=${team.parent.id}`);
  await worker.locator(`#vteam-shift-${community.id}`).waitFor();
  assert.equal(await worker.locator(`#vteam-cancel-${community.id}`).count(), 1, 'his to cancel');
  assert.equal(await worker.locator(`#vteam-open-${dropped.id}`).count(), 1, 'his list');
  assert.equal(await worker.locator(`#vteam-cancel-${dropped.id}`).count(), 0, 'cancelled already');
  assert.equal(await worker.locator(`#vteam-cancel-${sweep.id}`).count(), 0, 'not his to cancel');
  assert.equal(await worker.locator(`#vteam-open-${sweep.id}`).count(), 0, 'not his list: no code, no link');
  // He cannot read the team's roster: he signs 王秀兰 up by the volunteer number she reads out
  // (a lower-case v as typed); a number nobody has is refused in words.
  await worker.locator(`#vteam-open-${community.id}`).click();
  await worker.locator('#vshift-add-volunteer').waitFor();
  assert.equal(await worker.locator('#vshift-add-volunteer').evaluate((el) => el.tagName), 'INPUT', 'no roster to choose from');
  await worker.locator('#vshift-add-volunteer').fill('V99999998');
  await worker.locator('#vshift-add-go').click();
  await worker.locator('#vshift-add-status.error', { hasText: '没有这个编号的志愿者，请核对后再填。' }).waitFor();
  await worker.locator('#vshift-add-volunteer').fill(wang.volunteer_no.replace('V', 'v'));
  await worker.locator('#vshift-add-go').click();
  await worker.locator(`#vshift-signups tr[data-volunteer="${wang.id}"]`).waitFor();
  await worker.goto(srv.url + `/#/staff/volunteer-shifts?org=${team.parent.id}`);
  await worker.locator(`#vteam-cancel-${community.id}`).click();
  await worker.locator(`#vteam-reason-${community.id}`).fill('场地另有安排');
  await worker.locator(`#vteam-cancel-go-${community.id}`).click();
  await worker.locator(`#vteam-${team.id}-status`, { hasText: '已取消岗位“垃圾分类宣传”，1 人的报名一并取消。' }).waitFor();
  await assertAccessible(worker, 'the organisers\' desk with the team\'s shifts');
  await worker.close();

  // Both languages say the team's shifts.
  const { MESSAGES } = await import('../../web/js/messages.js');
  const keys = (lang) => Object.keys(MESSAGES[lang]).filter((k) => k.startsWith('vteam.')).sort();
  assert.deepEqual(keys('en'), keys('zh-CN'));
  assert.ok(keys('en').length >= 10);
});

// The form's checks are the contract's (js/volunteer_desk_model.js, no browser).
test('the model checks as the contract does: ID, ages, the guardian, an edit\'s changed fields, a period, a shift, outcomes', async () => {
  const m = await import('../../web/js/volunteer_desk_model.js');
  const base = { name: '王秀兰', phone: '13912340001', id_type: 'resident_id', id_number: '14110219720302122x', birth_date: '1972-03-02',
    skills: '清理、绿化，讲解', trainings: [{ name: ' 急救 ', completed_on: '2026-01-01' }, { name: '', completed_on: '' }] };
  const ok = m.volunteerBody(base, TODAY);
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.body.id_number, '14110219720302122X');
  assert.deepEqual(ok.body.skills, ['清理', '绿化', '讲解']);
  assert.deepEqual(ok.body.trainings, [{ name: '急救', completed_on: '2026-01-01' }], 'an empty row is no training');
  assert.equal('guardian_consent' in ok.body, false);
  const fields = (v) => m.volunteerBody({ ...base, ...v }, TODAY).problems.map((p) => `${p.field}:${p.problem}`);
  assert.deepEqual(fields({ id_number: '1411021958030212' }), ['id_number:resident_id']);
  assert.deepEqual(fields({ id_type: 'passport', id_number: 'E12345678' }), []);
  assert.deepEqual(fields({ birth_date: '2012-12-08' }).filter((f) => f.startsWith('birth_date')), ['birth_date:too_young'], '13 the day before 14');
  assert.deepEqual(fields({ birth_date: '2012-12-07' }).filter((f) => f.startsWith('birth_date')), [], '14 today');
  assert.deepEqual(fields({ birth_date: '2010-05-12' }), ['guardian_consent.guardian_name:guardian_name',
    'guardian_consent.guardian_phone:phone', 'guardian_consent.relation:relation']);
  assert.deepEqual(fields({ birth_date: '2008-12-07' }), [], '18 today: no guardian');
  assert.equal(m.isMinor('2008-12-08', TODAY), true);
  // An edit: the changed fields only; a masked number is not among them unless typed.
  const view = { ...ok.body, id_number: '141***********2X', guardian_consent: null };
  assert.deepEqual(m.changedFields({ ...ok.body, id_number: '141***********2X', availability: '周末' }, view), { availability: '周末' });
  assert.deepEqual(m.changedFields({ ...ok.body, id_number: '141***********2X' }, view), {});
  // A certificate's period.
  assert.deepEqual(m.periodProblems('2026-12-08', '2026-12-01', TODAY).map((p) => p.problem), ['order']);
  assert.deepEqual(m.periodProblems('2026-12-01', '2026-12-08', TODAY).map((p) => p.problem), ['future']);
  assert.deepEqual(m.periodProblems('2016-12-07', TODAY, TODAY), []);
  assert.deepEqual(m.periodProblems('2016-12-06', TODAY, TODAY).map((p) => p.problem), ['ten_years']);
  // A shift and outcomes.
  assert.deepEqual(m.shiftBody({ title: '清理小广告', starts_at: '09:00', ends_at: '12:00', capacity: '5', min_age: '', risky: true, team_id: '3' }),
    { body: { title: '清理小广告', starts_at: '09:00', ends_at: '12:00', capacity: 5, risky: true, training: null, team_id: 3 }, problems: [] });
  assert.deepEqual(m.shiftBody({ title: '', starts_at: '12:00', ends_at: '09:00', capacity: '501' }).problems.map((p) => p.field),
    ['title', 'ends_at', 'capacity']);
  const kinds = [{ code: 'ads_removed', decimals: 0 }, { code: 'rubbish_m3', decimals: 1 }];
  assert.deepEqual(m.outcomesBody([{ kind: 'ads_removed', quantity: '35', team_id: '2' }, { kind: 'rubbish_m3', quantity: '1.5' }], kinds),
    { body: { items: [{ kind: 'ads_removed', quantity: 35, team_id: 2 }, { kind: 'rubbish_m3', quantity: 1.5 }] }, problems: [] });
  assert.deepEqual(m.outcomesBody([{ kind: 'ads_removed', quantity: '1.5' }, { kind: 'rubbish_m3', quantity: '1.25' }, { kind: 'x', quantity: '1' }], kinds)
    .problems.map((p) => `${p.field}:${p.problem}`), ['items[0].quantity:quantity_whole', 'items[1].quantity:quantity_tenths', 'items[2].kind:kind']);
  assert.equal(m.instantOn(TODAY, '09:00'), '2026-12-07T09:00:00+08:00');
  assert.equal(m.clockOf('2026-12-07T09:30:00+08:00'), '09:30');
  assert.equal(m.refusalCode({ problem: { error: 'already_registered', volunteer_id: 7 } }), 'already_registered');
  assert.equal(m.registeredId({ problem: { error: 'already_registered', volunteer_id: 7 } }), 7);
});

// A server on a fresh copy of the DEMO Lishi District (`warmcity demo`), with
// a keeper of the agency that opens a toilet and a parking lot; makeUser()
// adds more users through the admin API.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, dataDirArgs, startServer, testDatabase } from '../../http/lib/server.mjs';

export const ADMIN = { username: 'admin', password: 'demo-admin-2026' };
export const KEEPER = { username: 'jiguan.keeper', password: 'keeper-pass-1', display_name: '机关事务管理员' };
export const KEEPER_ORG = '离石区人民政府机关事务服务中心';

// `args` go to `warmcity serve` (e.g. ['--tile-url', …]). `now`: an RFC 3339
// instant both the demo's stamps and the server's clock start at (`--now`),
// for a test whose page depends on the date.
export async function startDemoServer({ args = [], now } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-web-'));
  const db = testDatabase(dir);  // the engine under test's (a file or a URL)
  const clock = now ? ['--now', now] : [];
  const r = spawnSync(BIN, ['demo', '--db', db, ...dataDirArgs(dir), '--password-cost', 'minimum', ...clock],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('warmcity demo failed: ' + r.stderr);
  const srv = await startServer({ dir, db, args, now });
  const admin = await srv.login(ADMIN.username, ADMIN.password);
  const org = await makeUser(srv, admin, { ...KEEPER, role: 'keeper' }, KEEPER_ORG);
  return { srv, admin, keeperOrgId: org.id };
}

// Creates a user through the admin API, a member of the organisation named
// `orgName` when given; resolves to that organisation (or null).
export async function makeUser(srv, admin, user, orgName) {
  let org = null;
  if (orgName) {
    const orgs = await srv.fetch('/api/v1/organisations?limit=200', { token: admin.token });
    org = orgs.body.items.find((o) => o.name === orgName);
    if (!org) throw new Error('no organisation ' + orgName);
  }
  const made = await srv.fetch('/api/v1/users', {
    method: 'POST', token: admin.token,
    json: { ...user, organisation_ids: org ? [org.id] : [] },
  });
  if (made.status !== 201) throw new Error(`${user.username}: ${made.text}`);
  return org;
}

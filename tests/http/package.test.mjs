// `make package` (CPack): a .deb that installs the binary, its data, the web
// app and the systemd units under /usr, makes the warmcity user on install,
// and whose binary finds its data from any directory (issue 12 item 3).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const buildDir = resolve(dirname(dirname(dirname(process.env.WARMCITY_BIN || 'build/src/app/warmcity'))));
const work = mkdtempSync(join(tmpdir(), 'warmcity-package-'));
after(() => rmSync(work, { recursive: true, force: true }));

const cpack = spawnSync('cpack', ['--config', join(buildDir, 'CPackConfig.cmake'), '-B', work],
  { encoding: 'utf8', cwd: buildDir });
const deb = () => join(work, readdirSync(work).find((f) => f.endsWith('.deb')));

test('cpack writes warmcity_<version>_<arch>.deb with its dependencies and scripts', () => {
  assert.equal(cpack.status, 0, cpack.stderr + cpack.stdout);
  assert.match(deb(), /warmcity_\d+\.\d+\.\d+_amd64\.deb$/);
  const field = (name) => spawnSync('dpkg-deb', ['-f', deb(), name], { encoding: 'utf8' }).stdout.trim();
  assert.equal(field('Package'), 'warmcity');
  for (const dep of ['libsqlite3-0', 'libsodium23', 'libspdlog1.10', 'libfmt9', 'adduser']) {
    assert.ok(field('Depends').includes(dep), `${dep} in ${field('Depends')}`);
  }
  const control = mkdtempSync(join(work, 'control-'));
  assert.equal(spawnSync('dpkg-deb', ['-e', deb(), control]).status, 0);
  assert.match(readFileSync(join(control, 'postinst'), 'utf8'), /adduser --system --group/);
});

// Every shared library the binary names (readelf's NEEDED) comes from a
// package the .deb depends on; the sanitizers' runtimes (a test build) aside.
test('the package depends on the package of every library the binary needs', () => {
  const bin = process.env.WARMCITY_BIN || 'build/src/app/warmcity';
  const needed = [...spawnSync('readelf', ['-d', bin], { encoding: 'utf8' }).stdout
    .matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1])
    .filter((lib) => !/^lib(a|ub|t|l)san\./.test(lib));
  assert.ok(needed.includes('libc.so.6'), needed.join(' '));
  const ldd = spawnSync('ldd', [bin], { encoding: 'utf8' }).stdout;
  const depends = spawnSync('dpkg-deb', ['-f', deb(), 'Depends'], { encoding: 'utf8' }).stdout
    .split(',').map((d) => d.trim().split(/[\s(]/)[0]);
  for (const lib of needed) {
    const path = ldd.split('\n').map((l) => l.trim().split(/\s+/))
      .find((f) => f[0] === lib && f[1] === '=>')?.[2];
    assert.ok(path, `ldd finds ${lib}`);
    const dir = dirname(path).split('/').pop();  // x86_64-linux-gnu: not the lib32 copies
    const owners = spawnSync('dpkg', ['-S', `*/${lib}`], { encoding: 'utf8' }).stdout.split('\n')
      .filter((l) => l.includes(`/${dir}/${lib}`)).map((l) => l.split(':')[0]);
    assert.ok(owners.length > 0, `a package owns ${lib}`);
    assert.ok(owners.some((o) => depends.includes(o)), `${lib} (${owners}) in Depends: ${depends}`);
  }
});

test('the package holds /usr/bin/warmcity, its data, the web app and the units', () => {
  const list = spawnSync('dpkg-deb', ['-c', deb()], { encoding: 'utf8' }).stdout;
  for (const path of ['./usr/bin/warmcity', './usr/share/warmcity/data/calendar/2026.txt',
    './usr/share/warmcity/web/index.html', './usr/lib/systemd/system/warmcity.service',
    './usr/lib/systemd/system/warmcity-backup.timer', './usr/share/doc/warmcity/operations.md']) {
    assert.ok(list.includes(path), path);
  }
  assert.ok(!/build\/|\.o$|node_modules/m.test(list), 'no build outputs packed');
});

test('unpacked, the binary names /usr/bin in its unit and reads its data from share/', () => {
  const root = mkdtempSync(join(work, 'root-'));
  assert.equal(spawnSync('dpkg-deb', ['-x', deb(), root]).status, 0);
  const service = readFileSync(join(root, 'usr/lib/systemd/system/warmcity.service'), 'utf8');
  assert.match(service, /^ExecStart=\/usr\/bin\/warmcity serve /m);
  const hours = spawnSync(join(root, 'usr/bin/warmcity'),
    ['hours', 'Mo-Fr 08:00-18:00; PH off', '--at', '2026-10-01T10:00:00+08:00'],
    { encoding: 'utf8', cwd: work });
  assert.equal(hours.status, 0, hours.stderr);
  assert.equal(JSON.parse(hours.stdout).state, 'closed', '国庆 from the packaged calendar');
});

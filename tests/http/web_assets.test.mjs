// The web app's files over HTTP: caching headers, revalidation (304), the
// pinned libraries under /vendor/<package>@<version>/, and the web config.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from './lib/server.mjs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const version = (name) => lock.packages[`node_modules/${name}`].version;
let srv;
before(async () => { srv = await startServer({ args: ['--tile-url', 'https://tiles.invalid/{z}/{x}/{y}.png'] }); });
after(async () => { await srv.stop(); srv.cleanup(); });

test('HTML and the app modules are revalidated; 304 by ETag and by date', async () => {
  for (const path of ['/', '/app.js', '/app.css', '/js/messages.js']) {
    const r = await srv.fetch(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('cache-control'), 'no-cache', path);
    const etag = r.headers.get('etag');
    const last = r.headers.get('last-modified');
    assert.ok(etag && last, path);
    assert.equal((await srv.fetch(path, { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await srv.fetch(path, { headers: { 'if-modified-since': last } })).status, 304);
  }
});

test('the pinned libraries are served, long-lived, from their versioned folders', async () => {
  const versions = await srv.fetch('/vendor/versions.js');
  assert.equal(versions.status, 200);
  assert.equal(versions.headers.get('cache-control'), 'no-cache');
  for (const path of [`/vendor/leaflet@${version('leaflet')}/leaflet.js`,
    `/vendor/leaflet@${version('leaflet')}/leaflet.css`,
    `/vendor/echarts@${version('echarts')}/echarts.simple.min.js`]) {
    assert.ok(versions.text.includes(path.split('/').slice(0, 3).join('/')), path);
    const r = await srv.fetch(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
  }
});

test('the web config carries the tile URL (null when none is set)', async () => {
  const r = await srv.fetch('/api/v1/web-config');
  assert.equal(r.status, 200);
  assert.equal(r.body.tile_url, 'https://tiles.invalid/{z}/{x}/{y}.png');
  const plain = await startServer();
  try {
    assert.equal((await plain.fetch('/api/v1/web-config')).body.tile_url, null);
  } finally { await plain.stop(); plain.cleanup(); }
});

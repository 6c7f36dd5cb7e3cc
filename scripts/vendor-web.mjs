#!/usr/bin/env node
// Copies the browser libraries the web app loads from node_modules (pinned in
// package-lock.json) into web/vendor/<package>@<version>/, and writes
// web/vendor/versions.js naming those folders for the app. web/vendor/ is
// gitignored: third-party code is installed, never committed.
//
// The version in the folder name is what lets the server cache these files
// for a year (src/http/static_files.h): a new version is a new URL. Run by
// scripts/install-deps.sh after `npm ci`; idempotent, quiet when up to date.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, 'web', 'vendor');

// package → the files (relative to the package) the app needs.
const LIBRARIES = {
  leaflet: ['dist/leaflet.js', 'dist/leaflet.css', 'dist/images', 'LICENSE'],
  echarts: ['dist/echarts.simple.min.js', 'LICENSE'],
};

const versions = {};
let copied = false;
mkdirSync(vendor, { recursive: true });
for (const [name, files] of Object.entries(LIBRARIES)) {
  const pkgDir = join(root, 'node_modules', name);
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const folder = `${name}@${version}`;
  versions[name] = `/vendor/${folder}`;
  const dest = join(vendor, folder);
  if (files.every((f) => existsSync(join(dest, f.replace(/^dist\//, ''))))) continue;
  for (const f of files) {
    cpSync(join(pkgDir, f), join(dest, f.replace(/^dist\//, '')), { recursive: true });
  }
  copied = true;
}
// Old versions go, so the folder holds exactly what the lock file names.
const keep = new Set(Object.values(versions).map((v) => v.slice('/vendor/'.length)));
for (const entry of readdirSync(vendor)) {
  if (entry.includes('@') && !keep.has(entry)) rmSync(join(vendor, entry), { recursive: true, force: true });
}
const text = '// Written by scripts/vendor-web.mjs: where the pinned browser libraries are served.\n' +
  `export const VENDOR = ${JSON.stringify(versions, null, 2)};\n`;
const versionsFile = join(vendor, 'versions.js');
if (!existsSync(versionsFile) || readFileSync(versionsFile, 'utf8') !== text) {
  writeFileSync(versionsFile, text);
  copied = true;
}
if (copied) console.log('vendor-web: web/vendor/ ←', Object.values(versions).join(', '));

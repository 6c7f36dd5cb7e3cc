// The volunteers' staff screens say everything in both languages: the
// English catalogue (web/js/messages/en-volunteer-staff.js) has the same
// keys as the Chinese one (zh-CN-volunteer-staff.js), in the same order,
// none empty, and each English string fills the same parameters ({n},
// {name}, …) as its Chinese string, no more and no fewer. Node only.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const zh = (await import('../../web/js/messages/zh-CN-volunteer-staff.js')).default;
const en = (await import('../../web/js/messages/en-volunteer-staff.js')).default;

const params = (s) => [...new Set(s.match(/\{[^{}]*\}/g) ?? [])].sort();

test('the English volunteer staff catalogue has every Chinese key, in the same order, none empty', () => {
  assert.ok(Object.keys(zh).length > 300, `${Object.keys(zh).length} Chinese keys`);
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'English keys the Chinese lacks');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'Chinese keys the English lacks');
  assert.deepEqual(Object.keys(en), Object.keys(zh), 'the same order');
  for (const [k, s] of Object.entries(en)) assert.ok(typeof s === 'string' && s.trim() !== '', k);
});

test('each English string fills the parameters of its Chinese string', () => {
  const differ = Object.keys(zh).filter((k) => k in en)
    .filter((k) => params(zh[k]).join() !== params(en[k]).join())
    .map((k) => `${k}: ${params(zh[k]).join('')} vs ${params(en[k]).join('')}`);
  assert.deepEqual(differ, []);
});

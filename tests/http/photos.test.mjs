// Appeal photos over real HTTP: what is stored is one whole picture and only
// the parts of it a viewer needs. A JPEG with Exif GPS, a comment and a
// second GPS-tagged JPEG after its end is stored as the bare first picture;
// a WebP loses its EXIF chunk; a PNG with a second file behind IEND, a
// 12-byte WebP and a cut-off JPEG are refused with 415 naming the photo.
// An appeal holds up to 4 photos: a fifth is 409, also when six arrive at
// once. The whitelists themselves are unit-tested in src/appeals/photos_test.cpp.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithAdminAndResident } from './lib/server.mjs';
import { attachPhoto } from './lib/fixtures.mjs';

const API = '/api/v1/appeals';
let srv;
let admin;
let resident;

// A real 8×8 greyscale JPEG (cjpeg), with nothing to strip.
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a18161618' +
  '3123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc000' +
  '0b080008000801011100ffc40014000100000000000000000000000000000003ffc4001710010003000000000000' +
  '0000000000000005002231ffda0008010100003f0003c2ca4fffd9', 'hex');
// A real 8×8 lossy WebP (cwebp): one VP8 chunk.
const WEBP = Buffer.from(
  '5249464644000000574542505650382038000000d001009d012a0800080002c04c25b0027400f431ac400000fef1' +
  'a779bc30812b8eac8be1962caceea12ed1bff37d4fe84778ff4ee55c0000', 'hex');

function segment(marker, payload) {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}
const afterSoi = (jpeg, ...segments) => Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
const EXIF_GPS = segment(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude 37.52N GPSLongitude 111.14E', 'latin1'));
const COMMENT = segment(0xfe, Buffer.from('<html><script>alert(1)</script></html>'));

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.from('CRC!')]);
}
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  pngChunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')),
  pngChunk('IDAT', Buffer.from('789c6360000002000001', 'hex')),
  pngChunk('IEND', Buffer.alloc(0)),
]);

function riffChunk(fourcc, data) {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, Buffer.alloc(data.length % 2)]);
}
function riff(...chunks) {
  const body = Buffer.concat([Buffer.from('WEBP'), ...chunks]);
  const head = Buffer.from('RIFF\0\0\0\0', 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

before(async () => {
  ({ srv, admin, resident } = await startWithAdminAndResident());
  const o = await srv.fetch('/api/v1/organisations', { method: 'POST', token: admin.token, json: { kind: 'department', name: '区住建局' } });
  assert.equal(o.status, 201, o.text);
  await srv.createUser(admin, 'zhujian', 'department', [o.body.id]); // a category's department has somebody to act
  const c = await srv.fetch('/api/v1/appeal-categories', {
    method: 'POST', token: admin.token,
    json: { code: 'roads', name_zh: '道路', name_en: 'Roads', group: '城市管理', department_org_id: o.body.id, response_hours: 24, resolution_days: 5 },
  });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

// An appeal, then the photo as its own request (the type the sender claims
// is only a label: the bytes are sniffed).
async function submit(photo, type = 'image/jpeg') {
  const a = await srv.fetch(API, {
    method: 'POST', token: resident.token,
    json: { category: 'roads', description: '路灯不亮', lat: 37.52, lon: 111.14, contact: { name: '王阿姨', phone: '13812345678' } },
  });
  assert.equal(a.status, 201, a.text);
  return attachPhoto(srv, a.body, photo, type);
}

async function stored(photo) {
  const r = await submit(photo);
  assert.equal(r.status, 201, r.text);
  const got = await fetch(srv.url + r.body.url, { headers: { authorization: `Bearer ${admin.token}` } });
  assert.equal(got.status, 200);
  return { type: r.body.media_type, bytes: Buffer.from(await got.arrayBuffer()) };
}

async function refused(photo, detail) {
  const r = await submit(photo);
  assert.equal(r.status, 415, r.text);
  assert.match(r.body.detail, detail);
}

test('a JPEG is stored as its first picture only: no Exif, no comment, nothing after its end', async () => {
  const second = afterSoi(JPEG, EXIF_GPS); // as phones append a gain map, with its own GPS
  const upload = Buffer.concat([afterSoi(JPEG, EXIF_GPS, COMMENT), second, Buffer.from('PK\x03\x04zip', 'latin1')]);
  const { type, bytes } = await stored(upload);
  assert.equal(type, 'image/jpeg');
  assert.deepEqual(bytes, JPEG);
  for (const s of ['Exif', 'GPS', '<html>', 'PK']) assert.equal(bytes.indexOf(s), -1, s);
});

test('a WebP loses its EXIF chunk and the flag that announced it', async () => {
  const vp8x = Buffer.concat([Buffer.from([0x08]), Buffer.alloc(9)]);
  const upload = riff(riffChunk('VP8X', vp8x), WEBP.subarray(12), riffChunk('EXIF', Buffer.from('MM\0*GPSLatitude 37.52N', 'latin1')));
  const { type, bytes } = await stored(upload);
  assert.equal(type, 'image/webp');
  assert.equal(bytes.indexOf('GPS'), -1);
  assert.equal(bytes.indexOf('EXIF'), -1);
  assert.equal(bytes[20], 0); // VP8X flags
  assert.equal(bytes.readUInt32LE(4), bytes.length - 8);
});

test('files that are not one whole picture are refused with 415', async () => {
  const textPng = Buffer.concat([PNG.subarray(0, PNG.length - 12), pngChunk('tEXt', Buffer.from('GPS\x0037.52N', 'latin1')), PNG.subarray(PNG.length - 12)]);
  await refused(Buffer.concat([PNG, textPng]), /after its end/);
  await refused(Buffer.from('RIFF\x04\0\0\0WEBP', 'latin1'), /no picture/);
  await refused(Buffer.concat([WEBP, Buffer.from('<html>')]), /size/);
  await refused(JPEG.subarray(0, JPEG.length - 2), /cut off/);
  await refused(Buffer.concat([JPEG.subarray(0, 2), COMMENT, Buffer.from([0xff, 0xd9])]), /no picture/);
});

test('up to 4 photos: the fifth is refused (409, saying so) and the four stay', async () => {
  const made = await srv.fetch(API, { method: 'POST', token: resident.token,
    json: { category: 'roads', description: '路面塌陷', lat: 37.52, lon: 111.14, anonymous: true } });
  assert.equal(made.status, 201, made.text);
  const { id } = made.body;
  const receipt = { id, photo_token: null };
  const mine = { token: resident.token, photoToken: null }; // the reporter's session this time
  for (const [bytes, type] of [[JPEG, 'image/jpeg'], [WEBP, 'image/webp'], [PNG, 'image/png'], [afterSoi(JPEG, COMMENT), 'image/jpeg']]) {
    const r = await attachPhoto(srv, receipt, bytes, type, mine);
    assert.equal(r.status, 201, r.text);
  }
  const fifth = await attachPhoto(srv, receipt, PNG, 'image/png', mine);
  assert.equal(fifth.status, 409, fifth.text);
  assert.match(fifth.headers.get('content-type'), /^application\/problem\+json/);
  assert.match(fifth.body.detail, /at most 4 photos/);

  const a = await srv.fetch(`${API}/${id}`, { token: admin.token });
  assert.equal(a.status, 200, a.text);
  assert.deepEqual(a.body.photos.map((p) => [p.url, p.media_type]), [
    [`${API}/${id}/photos/1`, 'image/jpeg'], [`${API}/${id}/photos/2`, 'image/webp'],
    [`${API}/${id}/photos/3`, 'image/png'], [`${API}/${id}/photos/4`, 'image/jpeg']]);
  for (const p of a.body.photos) {
    const got = await fetch(srv.url + p.url, { headers: { authorization: `Bearer ${admin.token}` } });
    assert.equal(got.status, 200, p.url);
    assert.equal(got.headers.get('content-type'), p.media_type);
    assert.ok((await got.arrayBuffer()).byteLength > 0);
  }
  assert.equal((await srv.fetch(`${API}/${id}/photos/5`, { token: admin.token })).status, 404);
});

test('up to 4 photos even when six arrive at once', async () => {
  const a = await srv.fetch(API, { method: 'POST', token: resident.token,
    json: { category: 'roads', description: '井盖缺失', lat: 37.52, lon: 111.14, anonymous: true } });
  assert.equal(a.status, 201, a.text);
  const answers = await Promise.all(Array.from({ length: 6 }, () => attachPhoto(srv, a.body, JPEG)));
  const statuses = answers.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 201, 201, 201, 409, 409], answers.map((r) => r.text).join('\n'));
  const stored = await srv.fetch(`${API}/${a.body.id}`, { token: admin.token });
  assert.equal(stored.body.photos.length, 4);
});

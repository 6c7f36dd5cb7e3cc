#!/usr/bin/env node
// Writes the DEMO data of Lishi District (离石区) that `warmcity demo` loads:
//   data/demo/lishi-areas.geojson     sub-districts, communities, grids
//   data/demo/lishi-facilities.json   facilities in the POST /api/v1/facilities format
// Deterministic (fixed seed): running it twice gives the same files.
// Usage: node scripts/gen-demo.mjs [out-dir]   (default data/demo)
// Names follow ../shared/context/lishi-ten-services-article.txt; boundaries,
// positions, addresses and phone numbers are invented and approximate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] || 'data/demo';
const NOTE = 'DEMO DATA for warmcity (暖城): an illustrative Lishi District (离石区, 吕梁市). ' +
  'Boundaries, positions, addresses and phone numbers are approximate or invented; NOT official.';

// A small LCG so the output never depends on Math.random.
let seed = 20260401;
function rand() {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
}
const round = (x) => Math.round(x * 1e6) / 1e6;

// Sub-districts as rectangles [west, south, east, north] tiling the town, and
// their communities as bands splitting each rectangle (west→east or south→north).
const SUBDISTRICTS = [
  { code: 'FS', name: '凤山', box: [111.10, 37.50, 111.13, 37.56], split: 'ns', road: '凤山路',
    communities: [['HW', '后瓦'], ['JTL', '交通路'], ['FSS', '凤山'], ['XG', '西关']] },
  { code: 'BH', name: '滨河', box: [111.13, 37.52, 111.16, 37.56], split: 'ns', road: '滨河北路',
    communities: [['STY', '生态园'], ['YZ', '益众'], ['LF', '龙凤'], ['YN', '永宁']] },
  { code: 'JK', name: '交口', box: [111.13, 37.50, 111.16, 37.52], split: 'we', road: '城南路',
    communities: [['GJG', '高家沟'], ['CN', '城南'], ['JKS', '交口']] },
  { code: 'LHC', name: '莲花池', box: [111.16, 37.50, 111.18, 37.56], split: 'ns', road: '龙凤南路',
    communities: [['CM', '昌茂'], ['LHCS', '莲花池'], ['DG', '东关']] },
];

function ring([w, s, e, n]) {
  return [[[w, s], [e, s], [e, n], [w, n], [w, s]].map(([x, y]) => [round(x), round(y)])];
}

function bands([w, s, e, n], count, split) {
  const boxes = [];
  for (let i = 0; i < count; i++) {
    if (split === 'ns') {
      const h = (n - s) / count;
      boxes.push([w, s + i * h, e, s + (i + 1) * h]);
    } else {
      const d = (e - w) / count;
      boxes.push([w + i * d, s, w + (i + 1) * d, n]);
    }
  }
  return boxes;
}

const features = [];
const communities = [];  // {name, sub, box, road}
const feature = (props, box) => ({ type: 'Feature', properties: props,
  geometry: { type: 'Polygon', coordinates: ring(box) } });
for (const sd of SUBDISTRICTS) {
  features.push(feature({ level: 'subdistrict', name: sd.name, code: sd.code }, sd.box));
  const boxes = bands(sd.box, sd.communities.length, sd.split);
  sd.communities.forEach(([code, name], i) => {
    const ccode = `${sd.code}-${code}`;
    const box = boxes[i];
    features.push(feature({ level: 'community', name, code: ccode, parent_code: sd.code }, box));
    communities.push({ name, sub: sd, box });
    const halves = bands(box, 2, sd.split === 'ns' ? 'we' : 'ns');
    halves.forEach((g, k) => features.push(feature(
      { level: 'grid', name: `${name}第${k ? '二' : '一'}网格`, code: `${ccode}-${k + 1}`,
        parent_code: ccode }, g)));
  });
}

// A point well inside a community (15–85% of its box, so never on a boundary).
function pointIn(c) {
  const [w, s, e, n] = c.box;
  return { lat: round(s + (n - s) * (0.15 + 0.7 * rand())), lon: round(w + (e - w) * (0.15 + 0.7 * rand())) };
}
const byName = (name) => communities.find((c) => c.name === name);
const phone = () => `0358-${8200000 + Math.floor(rand() * 99999)}`;
const no = () => 1 + Math.floor(rand() * 180);

const facilities = [];
function add(kind, name, c, extra = {}) {
  facilities.push({ kind, name, address: `离石区${c.sub.name}街道${c.sub.road}${no()}号`,
    ...pointIn(c), ...extra });
}

// 党群服务中心 (each sub-district and community) and 人大代表联络站 (each community).
for (const sd of SUBDISTRICTS) {
  add('service_centre', `${sd.name}街道党群服务中心`, byName(sd.communities[0][1]),
    { opening_hours: 'Mo-Fr 08:30-12:00,14:30-18:00; PH off', contact_phone: phone() });
}
for (const c of communities) {
  add('service_centre', `${c.name}社区党群服务中心`, c,
    { opening_hours: 'Mo-Sa 08:00-18:00; PH off', contact_phone: phone() });
  add('liaison_station', `${c.sub.name}街道${c.name}人大代表联络站`, c,
    { opening_hours: 'WD 09:00-12:00,15:00-17:30', contact_phone: phone() });
}

// 15 爱心驿站, kept by 区总工会 (a few by 区环卫中心).
const LOVE = ['生态园', '益众', '龙凤', '永宁', '后瓦', '交通路', '凤山', '西关', '高家沟', '城南',
  '交口', '昌茂', '莲花池', '东关', '生态园'];
LOVE.forEach((name, i) => {
  const c = byName(name);
  const allDay = i % 3 !== 2;
  add('love_station', `${name}${i === 14 ? '滨河公园' : '社区'}爱心驿站`, c, {
    keeper: i % 5 === 4 ? '离石区环境卫生服务中心' : '离石区总工会',
    opening_hours: allDay ? '24/7' : 'Mo-Su 06:00-22:00',
    amenities: { drinking_water: true, hot_water: true, heating: i !== 7, cooling: i % 2 === 0,
      microwave: i % 3 === 0, charging: true, first_aid: i % 4 === 0, toilet: i % 2 === 1,
      seats: 6 + (i % 4) * 2 },
  });
});

// 4 便民餐厅.
add('canteen', '生态园便民餐厅', byName('生态园'), { opening_hours: 'Mo-Su 06:30-20:00', contact_phone: phone(), keeper: '生态园便民餐厅' });
add('canteen', '高家沟便民餐厅', byName('高家沟'), { opening_hours: 'Mo-Su 07:00-19:30', keeper: '高家沟便民餐厅' });
add('canteen', '昌茂便民餐厅', byName('昌茂'), { opening_hours: 'Mo-Sa 07:00-13:30,17:00-19:30', keeper: '昌茂便民餐厅' });
add('canteen', '后瓦便民餐厅', byName('后瓦'), { opening_hours: 'Mo-Su 06:30-19:00', keeper: '后瓦便民餐厅' });

// Agencies (keepers) with their toilets and parking lots.
const AGENCIES = [
  ['离石区人民政府机关事务服务中心', '永宁'], ['离石区人力资源和社会保障局', '益众'],
  ['离石区住房和城乡建设局', '龙凤'], ['离石区市场监督管理局', '交通路'],
  ['离石区教育局', '凤山'], ['离石区卫生健康局', '东关'], ['离石区文化和旅游局', '莲花池'],
  ['离石区自然资源局', '城南'],
];
AGENCIES.forEach(([agency, community], i) => {
  const c = byName(community);
  const short = agency.replace('离石区', '').replace('人民政府', '');
  const hours = i % 3 === 0 ? 'WD 08:00-12:00,14:30-18:00' : 'Mo-Fr 08:00-12:00,14:30-18:00; PH off';
  add('toilet', `${short}共享厕所`, c, { keeper: agency, opening_hours: hours,
    amenities: { wheelchair: i % 2 === 0, baby_change: i % 4 === 0, sections: 'men_women' } });
  if (i < 7) {
    add('parking', `${short}停车场(错时开放)`, c, { keeper: agency,
      opening_hours: 'WD 00:00-08:00,18:00-24:00; OD 00:00-24:00',
      amenities: { capacity: 30 + i * 15, fee_fen_per_hour: 0, max_stay_minutes: i % 2 ? 720 : null,
        rules: '工作日18:00至次日08:00及节假日免费开放;次日08:00前驶离;服从管理人员指挥,不得占用消防通道。' } });
  }
});
add('toilet', '离石区图书馆共享厕所', byName('永宁'), { opening_hours: 'Tu-Su 09:00-17:30; PH 09:00-17:00',
  amenities: { wheelchair: true, baby_change: true, sections: 'men_women' } });

// Venues and other services the article names.
add('venue', '城南工业主题公园', byName('高家沟'), { opening_hours: '24/7' });
add('venue', '离石区文体活动中心', byName('龙凤'), { opening_hours: 'Mo-Su 08:00-21:00' });
add('venue', '离石区图书馆', byName('永宁'), { opening_hours: 'Tu-Su 09:00-17:30; PH 09:00-17:00' });
add('venue', '莲花池全民健身广场', byName('莲花池'), { opening_hours: '24/7' });
add('venue', '凤山公园', byName('凤山'), { opening_hours: 'Mo-Su 05:30-22:00' });
add('clinic_site', '昌茂社区义诊点', byName('昌茂'), { opening_hours: 'Sa 08:30-11:30; PH off' });
add('afterschool_site', '交通路社区四点半课堂', byName('交通路'),
  { opening_hours: 'WD 16:00-18:30' });

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'lishi-areas.geojson'), JSON.stringify(
  { type: 'FeatureCollection', _comment: NOTE, features }, null, 1) + '\n');
writeFileSync(join(out, 'lishi-facilities.json'), JSON.stringify(
  { _comment: NOTE + ' Each item is a POST /api/v1/facilities body; "keeper" names a demo organisation.',
    facilities }, null, 1) + '\n');
console.error(`areas: ${features.length}, facilities: ${facilities.length}`);

// Change-to-visible latency between two warmcity servers on one database
// (bench/http/instances.sh): COUNT changes of one facility made on A (each
// moves it and renames it), each timed from A's answer until B's nearby
// answer at the new place shows it under the new name (B polled back to
// back). Prints the median, 90th percentile and max in ms, and how many
// changes B never showed within 10 s.
// Usage: node bench/http/change-latency.mjs A_URL B_URL TOKEN [COUNT]
const [aUrl, bUrl, token, countArg] = process.argv.slice(2);
if (!aUrl || !bUrl || !token) {
  console.error('usage: node bench/http/change-latency.mjs A_URL B_URL TOKEN [COUNT]');
  process.exit(2);
}
const COUNT = Number(countArg || 1000);
const GIVE_UP_MS = 10000;
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function call(url, method, body) {
  const res = await fetch(url, { method, headers: auth, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

// The facility moves over a 40 × 25 grid ~110 m apart, east of the demo
// district's stations, so each place is new to B's index.
const place = (i) => ({ lat: 37.60 + (i % 40) * 0.001, lon: 111.30 + Math.floor(i / 40) % 25 * 0.00125 });

const made = await call(`${aUrl}/api/v1/facilities`, 'POST', {
  kind: 'love_station', name: 'bench 0', address: '基准测试路 1 号', ...place(0), opening_hours: '24/7', amenities: {},
});
const id = made.id;
const took = [];
const acks = [];
let missed = 0;
for (let i = 1; i <= COUNT; i++) {
  const at = place(i);
  const name = `bench ${i}`;
  const sent = performance.now();
  await call(`${aUrl}/api/v1/facilities/${id}`, 'PATCH', { name, ...at });
  const acked = performance.now();
  acks.push(acked - sent);
  const query = `${bUrl}/api/v1/facilities/nearby?lat=${at.lat}&lon=${at.lon}&kind=love_station&radius_m=30&limit=50`;
  for (;;) {
    const answer = await call(query, 'GET');
    const now = performance.now();
    if (answer.items.some((x) => x.id === id && x.name === name)) {
      took.push(now - acked);
      break;
    }
    if (now - acked > GIVE_UP_MS) {
      missed++;
      break;
    }
  }
}
await call(`${aUrl}/api/v1/facilities/${id}`, 'PATCH', { status: 'suspended', suspended_reason: 'bench over' });

const sorted = (xs) => [...xs].sort((x, y) => x - y);
const pct = (xs, p) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
const median = (xs) => {
  const s = sorted(xs);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => x.toFixed(1);
console.log(`changes on A: ${COUNT}; A's answer to each PATCH: median ${ms(median(acks))} ms, max ${ms(Math.max(...acks))} ms`);
console.log(`visible on B after A's answer: median ${ms(median(took))} ms, p90 ${ms(pct(took, 0.9))} ms, `
  + `max ${ms(took.length ? Math.max(...took) : NaN)} ms; not visible within ${GIVE_UP_MS / 1000} s: ${missed}`);
process.exitCode = missed ? 1 : 0;

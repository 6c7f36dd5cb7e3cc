// The canteens' browser tests' common ground on the demo district: the
// 生态园 canteen's cashier, a district day some days ahead, and the canteen.
import assert from 'node:assert/strict';

export const CASHIER = { username: 'shitang_shengtaiyuan', password: 'demo-keeper-2026' };

// The district (UTC+8) day `n` days from now, as YYYY-MM-DD.
export const dayAhead = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

// The demo's 生态园便民餐厅 (a facility of kind canteen).
export async function demoCanteen(srv) {
  const canteen = (await srv.fetch('/api/v1/facilities?kind=canteen&limit=20')).body.items.find((f) => f.name === '生态园便民餐厅');
  assert.ok(canteen, 'the demo has 生态园便民餐厅');
  return canteen;
}

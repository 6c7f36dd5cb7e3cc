// Runs axe-core on the page; fails on any serious or critical violation.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';

export async function assertAccessible(page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')).join('\n');
  assert.equal(bad.length, 0, `${name}: axe found\n${text}`);
}

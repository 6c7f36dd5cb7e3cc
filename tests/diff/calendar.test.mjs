// Differential test: every day of 2024-2026, warmcity's Calendar (loaded from
// data/calendar) against npm chinese-days, on "public holiday?" and
// "working day?".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askOracle, requireFromRoot } from './oracle.mjs';

const chineseDays = requireFromRoot('chinese-days');

test('calendar agrees with chinese-days on every day of 2024-2026', () => {
  const [answer] = askOracle([{ op: 'cal', from: '2024-01-01', to: '2026-12-31' }]);
  const holidays = new Set(chineseDays.getHolidaysInRange('2024-01-01', '2026-12-31', false));
  const mismatches = [];
  for (const [date, isHoliday, isWorking] of answer.days) {
    const expectedHoliday = holidays.has(date);
    const expectedWorking = chineseDays.isWorkday(date);
    if (isHoliday !== expectedHoliday || isWorking !== expectedWorking) {
      mismatches.push(`${date}: warmcity holiday=${isHoliday} working=${isWorking}; ` +
        `chinese-days holiday=${expectedHoliday} working=${expectedWorking}`);
    }
  }
  console.log(`calendar: compared ${answer.days.length} days, ${mismatches.length} mismatches`);
  assert.equal(answer.days.length, 366 + 365 + 365);
  assert.deepEqual(mismatches.slice(0, 20), []);
});

// Chinese around the opening_hours syntax, for keepers who write Chinese:
//   zhToOsm('周一至周五 8:00-18:00；法定节假日闭馆') → 'Mo-Fr 08:00-18:00; PH off'
//     (common Chinese ways of writing hours turned into the OSM form, or
//     null when Chinese is left that it does not know), and
//   zhExpected('minutes between 00 and 59') → '00 到 59 之间的分钟数'
//     (the evaluator's `expected`, src/core/opening_hours_parser.cpp, in
//     Chinese; the syntax words such as PH, off and 24/7 stay as written).
// Pure; no DOM, no imports.

export const hasChinese = (text) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(text);

const DAY = { 一: 'Mo', 二: 'Tu', 三: 'We', 四: 'Th', 五: 'Fr', 六: 'Sa', 日: 'Su', 天: 'Su', 七: 'Su' };
const D = '[一二三四五六日天七]';
const OFF = '(?:闭馆|休馆|休息|关闭|关门|不开放|停止开放|停开|闭店|歇业)';
const HOLIDAY = '(?:法定节假日|法定假日|节假日|法定节日|节日)';

const pad = (n) => String(n).padStart(2, '0');

// "8点" "8点半" "18时30分" → "08:00"… (上午 / 下午 are left as Chinese: not guessed).
function clockText(hour, minute) {
  const h = Number(hour);
  const m = minute === '半' ? 30 : Number(minute || 0);
  return `${pad(h)}:${pad(m)}`;
}

export function zhToOsm(input) {
  let s = String(input ?? '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':').replace(/[，、]/g, ',').replace(/[；。]/g, ';')
    .replace(/[－—–～〜~]/g, '-').replace(/\u3000/g, ' ');
  // Whole-value phrases first.
  if (/^\s*(全天开放|24\s*小时开放|全年无休|二十四小时开放)\s*$/.test(s)) return '24/7';
  s = s.replace(new RegExp(`${HOLIDAY}\\s*${OFF}`, 'g'), ' PH off ')
    .replace(new RegExp(HOLIDAY, 'g'), ' PH ')
    .replace(/(每天|每日|天天|全周|周一至周日|周一到周日)/g, ' Mo-Su ')
    .replace(/(工作日)/g, ' Mo-Fr ')
    .replace(/(周末|双休日)/g, ' Sa,Su ')
    .replace(/(全天|24\s*小时|二十四小时)(开放)?/g, ' 00:00-24:00 ')
    // 周一至周五, 周一至五, 星期一到星期五, 礼拜六日
    .replace(new RegExp(`(?:周|星期|礼拜)(${D})\\s*(?:至|到|-)\\s*(?:周|星期|礼拜)?(${D})`, 'g'),
      (m, a, b) => ` ${DAY[a]}-${DAY[b]} `)
    .replace(new RegExp(`(?:周|星期|礼拜)六\\s*,?\\s*(?:周|星期|礼拜)?[日天]`, 'g'), ' Sa,Su ')
    .replace(new RegExp(`(?:周|星期|礼拜)(${D})`, 'g'), (m, a) => ` ${DAY[a]} `)
    // 8点半, 18时30分, 8点
    .replace(/(\d{1,2})\s*[点时]\s*(半|\d{1,2})?\s*分?/g, (m, h, mi) => clockText(h, mi))
    .replace(/(\d{1,2}):(\d{2})/g, (m, h, mi) => `${pad(Number(h))}:${mi}`)
    .replace(/(?:至|到)/g, '-')
    .replace(new RegExp(OFF, 'g'), ' off ')
    .replace(/开放/g, ' ');
  if (hasChinese(s)) return null;
  s = s.replace(/\s*-\s*/g, '-').replace(/\s*,\s*/g, ',')
    .replace(/(\d),(?=(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)\b)/g, '$1;')  // 周一至周五 8-18，周六 9-12: two rules
    .replace(/\s*;\s*/g, '; ').replace(/\s+/g, ' ').replace(/^[;\s]+|[;\s]+$/g, '');
  return s || null;
}

// Fragments of the evaluator's expectations, longest first; what is left are
// the syntax words (Mo-Su, PH, WD, OD, 24/7, open, closed, off, unknown).
const FRAGMENTS = [
  [/^a rule after '\|\|': /, '“||”之后的一条规则：'],
  [/^a rule: /, '一条规则：'],
  [/PH, WD or OD \(SH, school holidays, is not supported\)/, 'PH、WD 或 OD（不支持学校假期 SH）'],
  [/a weekday \(Mo-Su\)/g, '星期（Mo–Su）'],
  [/a weekday/g, '星期'],
  [/a month \(Jan-Dec\)/g, '月份（Jan–Dec）'],
  [/a time HH:MM/g, '时间，如 08:00'],
  [/a "comment"/g, '英文引号里的备注'],
  [/the end of the value/g, '表达式结尾'],
  [/a day of the month between 01 and (\d+)/g, '01 到 $1 之间的日期'],
  [/a day of the month or a month/g, '日期或月份'],
  [/a day of the month/g, '日期'],
  [/ after the month/g, '（在月份之后）'],
  [/a last day not before the first day/g, '不早于开始日期的结束日期'],
  [/':' between hours and minutes/g, '小时和分钟之间的“:”'],
  [/two-digit minutes \(00-59\)/g, '两位数的分钟（00–59）'],
  [/minutes between 00 and 59/g, '00 到 59 之间的分钟数'],
  [/a start time before 24:00/g, '24:00 之前的开始时间'],
  [/an open end that ends before 48:00/g, '48:00 之前结束的开放式结尾（+）'],
  [/'-' or '\+' after the start time/g, '开始时间后面的“-”或“+”'],
  [/an end time of at most 48:00 after the start/g, '不晚于 48:00 的结束时间'],
  [/a number of at most 4 digits/g, '最多 4 位的数字'],
  [/a closing '"' for this comment/g, '备注结尾的英文引号 "'],
  [/comment text between the quotes/g, '引号之间的备注文字'],
  [/, not "([^"]*)"$/, '，不认识“$1”'],
  [/ or a separator \(- , ; \|\| \+\)/g, '，或分隔符“-” “,” “;” “||” “+”'],
  [/ after '-'/g, '（在“-”之后）'],
  [/ after ','/g, '（在“,”之后）'],
  [/'([;,]|\|\|)'/g, '“$1”'],
  [/ or /g, ' 或 '],
  [/, /g, '、'],
];

export function zhExpected(expected) {
  let s = String(expected ?? '');
  for (const [re, zh] of FRAGMENTS) s = s.replace(re, zh);
  // A space beside 或 only where its neighbour is Latin: 'WD 或 OD', 'unknown 或英文…'.
  const latin = (c) => /[\x21-\x7e]/.test(c);
  return s.replace(/(.) 或 (.)/g, (m, a, b) => `${a}${latin(a) ? ' ' : ''}或${latin(b) ? ' ' : ''}${b}`);
}

// A horizontal ECharts bar chart of rows [{name, count}] (larger labels in
// elder mode); returns the dispose function. Canvas: the table beside it
// and the box's aria-label carry the same numbers in text.
// The names (departments, communities: typed by admins) are drawn on the
// canvas as text. No tooltip and no formatter: ECharts puts a tooltip's
// formatter string in with innerHTML, so one added later must return an
// element built with h(), never a string holding a name.
import { echarts } from './vendor.js';
import { settings } from './settings.js';

export async function barChart(box, rows, { color = '#b3261e', max, interval } = {}) {
  const lib = await echarts();
  const size = settings().elder ? 20 : 14;
  const chart = lib.init(box);
  const label = { fontSize: size, color: '#1f1f1f' };
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: max ? undefined : 1, max, interval, axisLabel: label },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: label },
    series: [{ type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.count), itemStyle: { color },
      label: { show: true, position: 'right', ...label } }],
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => { window.removeEventListener('resize', resize); chart.dispose(); };
}

import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 200 });
chart.setOption({ animation: false, xAxis: { type: 'value', min: 10 }, yAxis: { type: 'category', data: ['a', 'b'] },
  series: [
    { type: 'bar', stack: 's', data: [{ value: 2, itemStyle: { color: 'transparent' } }, 3] },
    { type: 'bar', stack: 's', data: [{ value: 3, label: { show: true, position: 'left', formatter: '12.7 (78%)' } }, { value: 1, label: { show: true, position: 'right', formatter: 'x (1 h)' } }] },
  ] });
const svg = chart.renderToSVGString();
console.log([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' | '));

/**
 * The satisfaction index over waves as a line with its 95% interval as a shaded band; a
 * suppressed wave is a gap, never a 0. Loaded on demand (React.lazy), like the results chart.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../charts/useEChart.ts';
import type { TSatisfactionPoint } from './cards.ts';
import { formatIndex } from '../survey/format.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export default function TrendChart({ points, label }: { points: TSatisfactionPoint[]; label: string }) {
  const { box, chart } = useEChart();

  useEffect(() => {
    const value = (p: TSatisfactionPoint) => (p.index.suppressed ? null : p.index.estimate);
    const lower = (p: TSatisfactionPoint) => (p.index.suppressed || !p.index.interval ? null : p.index.interval.lower);
    const width = (p: TSatisfactionPoint) => (p.index.suppressed || !p.index.interval ? null : p.index.interval.upper - p.index.interval.lower);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          formatter: (items: { dataIndex: number }[]) => {
            const p = points[items[0]?.dataIndex ?? -1];
            if (!p) return '';
            if (p.index.suppressed) return `<b>${p.wave.name}</b><br/>—`;
            const interval = p.index.interval ? ` (${formatIndex(p.index.interval.lower)}–${formatIndex(p.index.interval.upper)})` : '';
            return `<b>${p.wave.name}</b><br/>${label} ${formatIndex(p.index.estimate)}${interval}<br/>n=${p.index.n}`;
          },
        },
        xAxis: { type: 'category', data: points.map((p) => p.wave.name), boundaryGap: false, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', scale: true, max: (v: { max: number }) => Math.min(100, Math.ceil(v.max + 2)), min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 2)) },
        series: [
          // The band: an invisible line at the lower bound with the interval's width stacked on it.
          { type: 'line', data: points.map(lower), stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
          { type: 'line', data: points.map(width), stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: '#1677ff', opacity: 0.12 }, symbol: 'none', silent: true },
          { type: 'line', data: points.map(value), name: label, symbolSize: 7, lineStyle: { width: 2, color: '#1677ff' }, itemStyle: { color: '#1677ff' }, connectNulls: false },
        ],
      },
      true,
    );
  }, [points, label]);

  return <div ref={box} style={{ width: '100%', height: 180 }} data-testid="satisfaction-trend" />;
}

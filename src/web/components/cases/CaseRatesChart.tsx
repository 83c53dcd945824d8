/**
 * The month's composite per ranked unit as bars, best first, with its 95% range as a thin line
 * over each bar (composite ± 1.96 standard errors, clipped to 0–100%). Loaded on demand.
 */
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { TCaseRateRow } from '../../../shared/cases/index.ts';
import { useEChart } from '../charts/useEChart.ts';

echarts.use([BarChart, CustomChart, GridComponent, TooltipComponent, SVGRenderer]);

const pct = (v: number) => Math.round(v * 1000) / 10;

export default function CaseRatesChart({ rows, label }: { rows: TCaseRateRow[]; label: string }) {
  const { box, chart } = useEChart();
  const ranked = rows.filter((r) => r.composite !== null);
  useEffect(() => {
    const ranges = ranked.map((r, i) => {
      const half = 1.959964 * (r.compositeStandardError ?? 0);
      return [i, pct(Math.max(0, r.composite! - half)), pct(Math.min(1, r.composite! + half))];
    });
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
        xAxis: { type: 'category', data: ranked.map((r) => r.unit.name), axisLabel: { interval: 0, rotate: ranked.length > 8 ? 40 : 0 } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { type: 'bar', name: label, data: ranked.map((r) => pct(r.composite!)), itemStyle: { color: '#1677ff' } },
          {
            type: 'custom',
            name: '95%',
            data: ranges,
            tooltip: { show: false },
            renderItem: (_params: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
              const low = api.coord([api.value(0), api.value(1)]);
              const high = api.coord([api.value(0), api.value(2)]);
              return { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: { stroke: '#333', lineWidth: 1.5 } };
            },
          },
        ],
      },
      true,
    );
  }, [ranked, label]);
  return <div ref={box} style={{ width: '100%', height: 260 }} data-testid="case-rates-chart" />;
}

/**
 * The satisfaction index of each township, ranked, as a horizontal bar chart with the 95%
 * interval as error bars and the county's stratified figure as a reference line (its interval
 * shaded); each bar's label carries its ranking letters. Loaded on demand (React.lazy): ECharts
 * is only needed on the results page.
 */
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../charts/useEChart.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatIndex } from './format.ts';

echarts.use([BarChart, CustomChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export interface ChartBar {
  code: string;
  name: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
  n: number;
  /** The ranking letters (townships sharing a letter are not significantly different); '' for none. */
  letters: string;
  rank: number;
  bestRank: number;
  worstRank: number;
}

export interface ChartReference {
  name: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

const ROW = 34;

export default function ResultsChart({ bars, county, scaleMax = 100 }: { bars: ChartBar[]; county: ChartReference | null; scaleMax?: number }) {
  const { t } = useI18n();
  const { box, chart } = useEChart();

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const countyLabel = county ? t('survey.results.countyLine', { name: county.name, value: formatIndex(county.estimate) }) : '';
    instance.setOption(
      {
        animation: false,
        grid: { left: 8, right: 56, top: county ? 28 : 8, bottom: 24, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (p: { dataIndex: number }) => {
            const b = bars[p.dataIndex];
            if (!b) return '';
            const interval = b.lower !== null && b.upper !== null ? `${formatIndex(b.lower)}–${formatIndex(b.upper)}` : '—';
            return [
              `<b>${b.name}</b>`,
              t('survey.results.tipIndex', { value: formatIndex(b.estimate), interval }),
              `n=${b.n}`,
              ...(b.letters ? [t('survey.results.tipLetters', { letters: b.letters })] : []),
              b.bestRank === b.worstRank ? t('survey.results.tipRank', { rank: b.rank }) : t('survey.results.tipRankRange', { rank: b.rank, best: b.bestRank, worst: b.worstRank }),
            ].join('<br/>');
          },
        },
        xAxis: { type: 'value', min: 0, max: scaleMax, splitNumber: 5, axisLabel: { formatter: (v: number) => String(v) } },
        yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            name: t('survey.results.index'),
            barMaxWidth: 20,
            data: bars.map((b) => b.estimate),
            itemStyle: { color: '#1677ff' },
            label: {
              show: true,
              position: 'insideLeft',
              color: '#fff',
              fontSize: 11,
              formatter: (p: { dataIndex: number; value: number }) => `${formatIndex(p.value)}${bars[p.dataIndex]?.letters ? ` ${bars[p.dataIndex]!.letters}` : ''}`,
            },
            markLine: county
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#cf1322', type: 'dashed', width: 1.5 },
                  // The category axis runs top-down (inverse), so the line's start is at the top, above the bars.
                  label: { position: 'start', formatter: countyLabel, color: '#cf1322' },
                  data: [{ xAxis: county.estimate }],
                }
              : undefined,
            markArea:
              county && county.lower !== null && county.upper !== null
                ? { silent: true, itemStyle: { color: 'rgba(207,19,34,0.06)' }, data: [[{ xAxis: county.lower }, { xAxis: county.upper }]] }
                : undefined,
          },
          {
            type: 'custom',
            name: t('survey.results.interval'),
            silent: true,
            z: 10,
            encode: { x: [0, 1], y: 2 },
            data: bars.flatMap((b, i) => (b.lower !== null && b.upper !== null ? [[b.lower, b.upper, i]] : [])),
            renderItem: (_params: unknown, api: { value(i: number): number; coord(v: number[]): number[]; size(v: number[]): number[] }) => {
              const y = api.value(2);
              const low = api.coord([api.value(0), y]);
              const high = api.coord([api.value(1), y]);
              const cap = api.size([0, 1])[1]! * 0.25;
              const style = { stroke: '#262626', lineWidth: 1.5 };
              return {
                type: 'group',
                children: [
                  { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
                  { type: 'line', shape: { x1: low[0], y1: low[1]! - cap, x2: low[0], y2: low[1]! + cap }, style },
                  { type: 'line', shape: { x1: high[0], y1: high[1]! - cap, x2: high[0], y2: high[1]! + cap }, style },
                ],
              };
            },
          },
        ],
      },
      { notMerge: true },
    );
  }, [bars, county, scaleMax, t]);

  return <div ref={box} style={{ width: '100%', height: Math.max(120, bars.length * ROW + 60) }} data-testid="results-chart" data-bars={bars.length} role="img" aria-label={t('survey.results.chartLabel')} />;
}

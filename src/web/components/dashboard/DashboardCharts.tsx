/**
 * The dashboard's charts (ECharts, SVG): the index across waves with its interval band and the
 * dissatisfaction rate, the township ranking with interval whiskers, the county's three case
 * rates, the rectification tasks by status and policy awareness. Each takes `dark` for the big
 * screen's colours.
 */
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { useEChart } from '../charts/useEChart.ts';

echarts.use([BarChart, LineChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const textColor = (dark: boolean) => (dark ? '#d6e4ff' : '#434343');
const splitColor = (dark: boolean) => (dark ? 'rgba(255,255,255,0.12)' : '#f0f0f0');
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const idx = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

type Api = { value(i: number): number; coord(v: number[]): number[]; size(v: number[]): number[] };
/** Whiskers from value(0) to value(1) at category value(2), horizontal (x values) or vertical (y values). */
function whiskers(horizontal: boolean, color: string) {
  return (_params: unknown, api: Api) => {
    const c = api.value(2);
    const a = horizontal ? api.coord([api.value(0), c]) : api.coord([c, api.value(0)]);
    const b = horizontal ? api.coord([api.value(1), c]) : api.coord([c, api.value(1)]);
    const cap = (horizontal ? api.size([0, 1])[1]! : api.size([1, 0])[0]!) * 0.2;
    const style = { stroke: color, lineWidth: 1.5 };
    const capAt = (p: number[]) =>
      horizontal ? { type: 'line', shape: { x1: p[0], y1: p[1]! - cap, x2: p[0], y2: p[1]! + cap }, style } : { type: 'line', shape: { x1: p[0]! - cap, y1: p[1], x2: p[0]! + cap, y2: p[1] }, style };
    return { type: 'group', children: [{ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style }, capAt(a), capAt(b)] };
  };
}

export interface WavePoint {
  name: string;
  index: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  dissatisfaction: number | null;
}

export function IndexChart({ points, dark, labels }: { points: WavePoint[]; dark: boolean; labels: { index: string; interval: string; dissatisfaction: string } }) {
  const { box, chart } = useEChart();
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        textStyle: { color: textColor(dark) },
        legend: { top: 0, textStyle: { color: textColor(dark) } },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: { dataIndex: number }[]) => {
            const p = points[ps[0]?.dataIndex ?? 0];
            if (!p) return '';
            return [`<b>${p.name}</b>`, `${labels.index} ${idx(p.index)} (${idx(p.lower)}–${idx(p.upper)}) n=${p.n}`, `${labels.dissatisfaction} ${pct(p.dissatisfaction)}`].join('<br/>');
          },
        },
        xAxis: { type: 'category', data: points.map((p) => p.name), axisLabel: { color: textColor(dark) } },
        yAxis: [
          { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 5)), max: 100, axisLabel: { color: textColor(dark) }, splitLine: { lineStyle: { color: splitColor(dark) } } },
          { type: 'value', min: 0, max: (v: { max: number }) => Math.min(1, Math.ceil(v.max * 10 + 0.5) / 10), axisLabel: { color: textColor(dark), formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
        ],
        series: [
          // The band: the lower bound (invisible) with the interval's width stacked on it.
          { type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: points.map((p) => p.lower), silent: true, tooltip: { show: false } },
          { type: 'line', stack: 'band', name: labels.interval, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: dark ? 'rgba(64,150,255,0.3)' : 'rgba(22,119,255,0.15)' }, data: points.map((p) => (p.lower === null || p.upper === null ? null : p.upper - p.lower)), silent: true },
          { type: 'line', name: labels.index, data: points.map((p) => p.index), itemStyle: { color: '#1677ff' }, label: { show: true, formatter: (x: { value: number }) => idx(x.value), color: textColor(dark) } },
          { type: 'line', name: labels.dissatisfaction, yAxisIndex: 1, data: points.map((p) => p.dissatisfaction), itemStyle: { color: '#cf1322' }, lineStyle: { type: 'dashed' } },
        ],
      },
      { notMerge: true },
    );
  }, [points, dark, labels, chart]);
  return <div ref={box} style={{ width: '100%', height: 240 }} data-testid="dashboard-index-chart" data-points={points.length} role="img" aria-label={labels.index} />;
}

export interface RankBar {
  code: string;
  name: string;
  rank: number;
  bestRank: number;
  worstRank: number;
  value: number;
  lower: number | null;
  upper: number | null;
  n: number | null;
  /** The index of its "cannot be separated" group (alternating colours), or -1. */
  group: number;
}

const GROUP_COLORS = ['#1677ff', '#13a8a8', '#722ed1', '#d48806'];

export function RankingChart({ bars, dark, label }: { bars: RankBar[]; dark: boolean; label: string }) {
  const { box, chart } = useEChart();
  useEffect(() => {
    const max = Math.max(100, ...bars.map((b) => b.upper ?? b.value));
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (p: { dataIndex: number }) => {
            const b = bars[p.dataIndex];
            if (!b) return '';
            const range = b.bestRank === b.worstRank ? `#${b.rank}` : `#${b.rank} (${b.bestRank}–${b.worstRank})`;
            return [`<b>${b.name}</b> ${range}`, `${idx(b.value)} (${idx(b.lower)}–${idx(b.upper)})${b.n !== null ? ` n=${b.n}` : ''}`].join('<br/>');
          },
        },
        xAxis: { type: 'value', min: 0, max: Math.ceil(max / 10) * 10, axisLabel: { color: textColor(dark) }, splitLine: { lineStyle: { color: splitColor(dark) } } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: bars.map((b) => (b.bestRank === b.worstRank ? `${b.rank}. ${b.name}` : `${b.rank}. ${b.name} (${b.bestRank}–${b.worstRank})`)),
          axisLabel: { color: textColor(dark) },
          axisTick: { show: false },
        },
        series: [
          {
            type: 'bar',
            name: label,
            barMaxWidth: 16,
            data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.group >= 0 ? GROUP_COLORS[b.group % GROUP_COLORS.length] : '#8c8c8c' } })),
            label: { show: true, position: 'right', distance: 28, color: textColor(dark), formatter: (p: { value: number }) => idx(p.value) },
          },
          { type: 'custom', silent: true, z: 10, encode: { x: [0, 1], y: 2 }, data: bars.flatMap((b, i) => (b.lower !== null && b.upper !== null ? [[b.lower, b.upper, i]] : [])), renderItem: whiskers(true, dark ? '#fff' : '#262626') },
        ],
      },
      { notMerge: true },
    );
  }, [bars, dark, label, chart]);
  return <div ref={box} style={{ width: '100%', height: Math.max(140, bars.length * 28 + 40) }} data-testid="dashboard-ranking-chart" data-bars={bars.length} role="img" aria-label={label} />;
}

export interface RateGroup {
  name: string;
  rates: { label: string; estimate: number | null; lower: number | null; upper: number | null; n: number }[];
}

/** Bars per rate, one series per month, with Wilson whiskers. */
export function RatesChart({ groups, dark, label }: { groups: RateGroup[]; dark: boolean; label: string }) {
  const { box, chart } = useEChart();
  useEffect(() => {
    const categories = groups[0]?.rates.map((r) => r.label) ?? [];
    chart.current?.setOption(
      {
        animation: false,
        legend: { top: 0, textStyle: { color: textColor(dark) } },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (p: { seriesIndex: number; dataIndex: number }) => {
            const r = groups[p.seriesIndex]?.rates[p.dataIndex];
            return r ? `${groups[p.seriesIndex]!.name}<br/>${r.label} ${pct(r.estimate)} (${pct(r.lower)}–${pct(r.upper)}) n=${r.n}` : '';
          },
        },
        xAxis: { type: 'category', data: categories, axisLabel: { color: textColor(dark) } },
        yAxis: { type: 'value', min: 0, max: 1, axisLabel: { color: textColor(dark), formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: splitColor(dark) } } },
        series: groups.map((g, k) => ({
          type: 'bar',
          name: g.name,
          barMaxWidth: 28,
          itemStyle: { color: k === 0 ? '#1677ff' : '#69b1ff' },
          data: g.rates.map((r) => r.estimate),
          label: { show: true, position: 'insideTop', color: '#fff', fontSize: 11, formatter: (p: { value: number | null }) => (p.value === null ? '' : `${Math.round(p.value * 100)}%`) },
        })),
      },
      { notMerge: true },
    );
  }, [groups, dark, label, chart]);
  return <div ref={box} style={{ width: '100%', height: 220 }} data-testid="dashboard-rates-chart" role="img" aria-label={label} />;
}

/** Horizontal bars of counts or shares, one per labelled item. */
export function BarsChart({ items, dark, label, share, testId }: { items: { label: string; value: number | null; n?: number | null; color?: string }[]; dark: boolean; label: string; share: boolean; testId: string }) {
  const { box, chart } = useEChart();
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => { const it = items[p.dataIndex]; return it ? `${it.label} ${share ? pct(it.value) : (it.value ?? '—')}${it.n ? ` n=${it.n}` : ''}` : ''; } },
        xAxis: { type: 'value', min: 0, ...(share ? { max: 1 } : { minInterval: 1 }), axisLabel: { color: textColor(dark), formatter: (v: number) => (share ? `${Math.round(v * 100)}%` : String(v)) }, splitLine: { lineStyle: { color: splitColor(dark) } } },
        yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: { color: textColor(dark) }, axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 16,
            data: items.map((i) => ({ value: i.value, itemStyle: { color: i.color ?? '#1677ff' } })),
            label: { show: true, position: 'right', color: textColor(dark), formatter: (p: { value: number | null }) => (share ? pct(p.value) : String(p.value ?? '—')) },
          },
        ],
      },
      { notMerge: true },
    );
  }, [items, dark, label, share, chart]);
  return <div ref={box} style={{ width: '100%', height: Math.max(120, items.length * 28 + 30) }} data-testid={testId} role="img" aria-label={label} />;
}

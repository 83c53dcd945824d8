/**
 * The campaign's daily progress curve: households done by each day's end, against the targets.
 * Loaded on demand (React.lazy), like the other charts.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { TCampaignProgress } from '../../../shared/visits/visit-report-schemas.ts';
import { useEChart } from '../charts/useEChart.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export default function ProgressChart({ progress, label }: { progress: TCampaignProgress; label: string }) {
  const { box, chart } = useEChart();
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: progress.days.map((d) => d.date.slice(5)), boundaryGap: false, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', min: 0, max: Math.max(progress.targets, 1) },
        series: [
          {
            type: 'line',
            name: label,
            data: progress.days.map((d) => d.done),
            areaStyle: { color: '#1677ff', opacity: 0.1 },
            lineStyle: { color: '#1677ff', width: 2 },
            itemStyle: { color: '#1677ff' },
            symbolSize: 4,
            markLine: { silent: true, symbol: 'none', data: [{ yAxis: progress.targets }], lineStyle: { color: '#999', type: 'dashed' } },
          },
        ],
      },
      true,
    );
  }, [progress, label]);
  return <div ref={box} style={{ width: '100%', height: 240 }} data-testid="visit-progress-chart" />;
}

import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts instance (SVG) living as long as the component, resized with its box. Charts
 * register their own series and components with `echarts.use` and set options on `chart.current`.
 *
 * @example
 * const { box, chart } = useEChart();
 * useEffect(() => chart.current?.setOption({ … }), [data]);
 * return <div ref={box} style={{ height: 240 }} />;
 */
export function useEChart() {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  return { box, chart };
}

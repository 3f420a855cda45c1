'use client';

import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from './i18n-provider';

export interface OversightChartPoint {
  /** "YYYY-MM". */
  month: string;
  cellsMet: number;
  cells: number;
  /** 0–1, null when nobody was expected. */
  attendanceRate: number | null;
}

/**
 * Meetings held and attendance per month, drawn with uPlot. The library is
 * loaded only here, on the overview, never with the meeting page; the table
 * above holds the same figures for those who cannot see the chart.
 */
export function OversightChart({ points }: { points: readonly OversightChartPoint[] }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element || points.length === 0) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const x = points.map((_, i) => i);
      const labels = points.map((p) => `${Number(p.month.slice(5))}/${p.month.slice(2, 4)}`);
      chart = new UPlot(
        {
          width: Math.max(280, element.clientWidth),
          height: 240,
          scales: { x: { time: false }, percent: { range: [0, 100] } },
          axes: [
            { values: (_u, ticks) => ticks.map((i) => labels[i] ?? '') },
            { label: t('oversight.chart.cellsMet') },
            { scale: 'percent', side: 1, label: t('oversight.chart.attendance'), grid: { show: false } },
          ],
          series: [
            { label: t('oversight.csv.month'), value: (_u, i) => (i === null ? '–' : (labels[i] ?? '')) },
            { label: t('oversight.chart.cellsMet'), stroke: '#0b4a8b', width: 2, points: { show: true } },
            {
              label: t('oversight.chart.attendance'),
              scale: 'percent',
              stroke: '#1e7b34',
              width: 2,
              dash: [6, 4],
              points: { show: true },
            },
          ],
        },
        [
          x,
          points.map((p) => p.cellsMet),
          points.map((p) => (p.attendanceRate === null ? null : Math.round(p.attendanceRate * 1000) / 10)),
        ],
        element,
      );
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [points, t]);

  return (
    <figure className="oversight-chart" data-testid="oversight-chart">
      <figcaption>{t('oversight.chart.caption')}</figcaption>
      <div ref={host} />
    </figure>
  );
}

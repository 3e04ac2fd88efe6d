import type { ChartOption } from './echarts';
import { escapeHtml, type ReportFormat } from './format';

// ECharts options of the report charts (pure; the data comes in already in the unit shown).

const GRID = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true };

/** Lines across buckets; values in percent (0–100) unless `percent` is false. */
export function lineOption(
  categories: string[],
  series: { name: string; values: (number | null)[] }[],
  f: ReportFormat,
  { percent = true }: { percent?: boolean } = {},
): ChartOption {
  const show = (v: unknown) => (typeof v === 'number' ? (percent ? `${f.num(v, 2)}%` : f.num(v, 1)) : '—');
  return {
    grid: GRID,
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: (v) => show(v) },
    xAxis: { type: 'category', data: categories, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => (percent ? `${f.num(v, 1)}%` : f.num(v, 0)) } },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: false, symbolSize: 6 })),
  };
}

export interface ScatterPoint {
  name: string;
  /** quality index 0–100 */
  x: number;
  /** rate in percent 0–100 */
  y: number;
  /** a second line in the tooltip, e.g. the period */
  note?: string;
}

/**
 * Quality index (x) against a rate in percent (y), with the fitted line over the points' x range.
 * The line comes as the fit has it, on the rate as a fraction (rate = intercept + slope·x), and is
 * drawn ×100 like the points.
 */
export function scatterOption(
  points: ScatterPoint[],
  line: { slope: number | null; intercept: number | null },
  labels: { x: string; y: string; points: string; fitted: string },
  f: ReportFormat,
): ChartOption {
  const xs = points.map((p) => p.x);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const fitted =
    line.slope !== null && line.intercept !== null && points.length > 1
      ? [
          [lo, 100 * (line.intercept + line.slope * lo)],
          [hi, 100 * (line.intercept + line.slope * hi)],
        ]
      : [];
  return {
    grid: { ...GRID, top: 48, bottom: 28 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = p as { seriesIndex: number; dataIndex: number };
        if (item.seriesIndex !== 0) return escapeHtml(labels.fitted);
        const pt = points[item.dataIndex]!;
        return [pt.name, pt.note, `${labels.x}: ${f.num(pt.x, 1)}`, `${labels.y}: ${f.num(pt.y, 2)}%`]
          .filter(Boolean)
          .map((s) => escapeHtml(s!))
          .join('<br/>');
      },
    },
    xAxis: { type: 'value', name: labels.x, nameLocation: 'middle', nameGap: 24, scale: true },
    yAxis: { type: 'value', name: labels.y, scale: true, axisLabel: { formatter: (v: number) => `${f.num(v, 1)}%` } },
    series: [
      { type: 'scatter', name: labels.points, data: points.map((p) => [p.x, p.y]), symbolSize: 9 },
      { type: 'line', name: labels.fitted, data: fitted, showSymbol: false, lineStyle: { type: 'dashed', width: 2 } },
    ],
  };
}

/** Bars of percentages (0–100) with names on the x axis. */
export function barOption(names: string[], values: (number | null)[], label: string, f: ReportFormat): ChartOption {
  return {
    grid: { ...GRID, top: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${f.num(v, 2)}%` : '—') },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${f.num(v, 0)}%` } },
    series: [
      {
        type: 'bar',
        name: label,
        data: values,
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? `${f.num(p.value, 1)}%` : '') },
      },
    ],
  };
}

/** A fraction as percent for a chart, null kept. */
export const pct = (r: number | null | undefined) => (typeof r === 'number' ? r * 100 : null);

'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ChartOption } from './echarts';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';

/** A chart's data as a table: what the table view shows and what screen readers get. */
export interface ChartTable {
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  /** columns (by index) aligned right: numbers */
  numeric?: number[];
}

/** Width the charts take on paper (A4 portrait, 15 mm margins, at 96 px per inch). */
const PRINT_WIDTH = 680;

/**
 * An Apache ECharts chart with a "table view" toggle that shows the same data as an HTML table.
 * ECharts is loaded in the browser only (a dynamic import in an effect): the server renders the
 * frame and the toggle. The chart follows its box's size, is redrawn at paper width for printing,
 * and is disposed when it unmounts or gives way to the table.
 */
export function ReportChart({
  title,
  option,
  table,
  height = 320,
  testId,
  empty,
  titleShown = true,
}: {
  title: string;
  option: ChartOption;
  table: ChartTable;
  height?: number;
  testId?: string;
  /** shown instead of the chart when there is nothing to plot */
  empty?: string;
  /** false where a heading above already says it (the caption stays for screen readers) */
  titleShown?: boolean;
}) {
  const t = useTranslations('reports.chart');
  const [tableView, setTableView] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{ setOption: (o: ChartOption, notMerge?: boolean) => void } | null>(null);
  const latest = useRef(option);
  const tableId = useId();
  const showChart = !tableView && !empty;

  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(option, true);
  }, [option]);

  useEffect(() => {
    if (!showChart) return;
    let gone = false;
    let cleanup = () => {};
    void import('./echarts').then(({ echarts }) => {
      const el = box.current;
      if (gone || !el) return;
      const instance = echarts.init(el, null, { renderer: 'canvas' });
      instance.setOption(latest.current);
      chart.current = { setOption: (o, notMerge) => instance.setOption(o, notMerge) };
      const resize = () => instance.resize();
      const observer = new ResizeObserver(resize);
      observer.observe(el);
      const beforePrint = () => instance.resize({ width: Math.min(PRINT_WIDTH, el.clientWidth || PRINT_WIDTH) });
      window.addEventListener('beforeprint', beforePrint);
      window.addEventListener('afterprint', resize);
      cleanup = () => {
        observer.disconnect();
        window.removeEventListener('beforeprint', beforePrint);
        window.removeEventListener('afterprint', resize);
        chart.current = null;
        instance.dispose();
      };
    });
    return () => {
      gone = true;
      cleanup();
    };
  }, [showChart]);

  return (
    <figure className="min-w-0 break-inside-avoid" data-testid={testId}>
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2 print:mb-1">
        <span className={titleShown ? 'text-base font-semibold text-gray-900' : 'sr-only'}>{title}</span>
        {!empty && (
          <Button
            variant="secondary"
            size="sm"
            aria-pressed={tableView}
            aria-controls={tableId}
            onClick={() => setTableView((v) => !v)}
            className="print:hidden"
          >
            {t('tableView')}
          </Button>
        )}
      </figcaption>
      {empty ? (
        <p className="rounded-md border border-dashed border-gray-300 px-4 py-8 text-center text-sm text-gray-500">{empty}</p>
      ) : (
        <div id={tableId}>
          {tableView ? (
            <Table caption={title} className="print:text-[9px] print:[&_td]:px-1 print:[&_th]:px-1 print:[&_th]:whitespace-normal">
              <THead>
                {table.columns.map((c, i) => (
                  <Th key={i} className={cn(table.numeric?.includes(i) && 'text-right')}>
                    {c}
                  </Th>
                ))}
              </THead>
              <TBody>
                {table.rows.length === 0 && <TableMessage colSpan={table.columns.length}>{t('noData')}</TableMessage>}
                {table.rows.map((r) => (
                  <Tr key={r.key}>
                    {r.cells.map((c, i) => (
                      <Td key={i} className={cn(table.numeric?.includes(i) && 'text-right tabular-nums', 'whitespace-nowrap')}>
                        {c}
                      </Td>
                    ))}
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <div ref={box} role="img" aria-label={t('chartLabel', { title })} style={{ height }} className="w-full print:max-w-[680px]" />
          )}
        </div>
      )}
    </figure>
  );
}

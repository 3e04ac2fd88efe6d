'use client';
import { useMemo, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QualityFigures, QualityReport } from '@/server/reports/types';
import { QUALITY_COMPONENTS } from '@/server/shared/quality-index';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Loading } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useServerError } from '@/components/forms/use-server-error';
import { ReportChart } from './report-chart';
import { lineOption, pct } from './chart-options';
import { qualitySheets } from './sheets';
import { WeightsForm } from './weights-form';
import { ExportButtons, RangeLine, useReportKit, type ReportInput } from './use-report-kit';

/** 服务质量: satisfaction, timeliness, resolution, reach and the index (with the components it rests on), its trend and the community ranking. */
export function QualitySection({ input, scopeLabel }: { input: ReportInput; scopeLabel: string }) {
  const { t, slug } = useReportKit();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({ ...trpc.reports.getQuality.queryOptions({ tenant: slug, ...input }), placeholderData: keepPreviousData });
  if (q.error) return <Alert tone="error">{errorText(q.error)}</Alert>;
  if (!q.data) return <Loading label={t('loading')} />;
  return <QualityBody q={q.data} scopeLabel={scopeLabel} stale={q.isPlaceholderData} />;
}

function Figure({ label, value, lines, testId }: { label: string; value: ReactNode; lines: ReactNode[]; testId?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-sm break-inside-avoid" data-testid={testId}>
      <p className="text-sm font-medium text-gray-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums">{value}</p>
      <ul className="mt-2 space-y-0.5 border-t border-gray-100 pt-2 text-xs text-gray-600">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

export function QualityBody({ q, scopeLabel, stale }: { q: QualityReport; scopeLabel: string; stale?: boolean }) {
  const { t, f, bucket } = useReportKit();
  const member = useTenant();
  const total = q.total;
  const names = useMemo(
    () => ({
      index: t('quality.index'),
      csat: t('quality.csat'),
      firstResponse: t('quality.firstResponse'),
      resolution: t('quality.resolution'),
    }),
    [t],
  );
  const option = useMemo(
    () =>
      lineOption(
        q.rows.map((row) => bucket(row.bucket.key)),
        [
          { name: names.index, values: q.rows.map((row) => row.quality.index.index) },
          { name: names.csat, values: q.rows.map((row) => pct(row.quality.csatShare)) },
          { name: names.firstResponse, values: q.rows.map((row) => pct(row.quality.firstResponseShare)) },
          { name: names.resolution, values: q.rows.map((row) => pct(row.quality.resolutionShare)) },
        ],
        f,
        { percent: false },
      ),
    [q, f, bucket, names],
  );
  const range = q.buckets.length ? `${bucket(q.buckets[0]!.key)} – ${bucket(q.buckets[q.buckets.length - 1]!.key)}` : `${q.from} – ${q.to}`;
  const hours = (h: number | null) => (h === null ? '—' : t('quality.hours', { value: f.num(h, 1) }));
  const componentsOf = (x: QualityFigures) => t('quality.componentsUsed', { count: x.index.componentsUsed, total: QUALITY_COMPONENTS.length });

  return (
    <div className={stale ? 'space-y-5 opacity-60 print:space-y-3' : 'space-y-5 print:space-y-3'} data-testid="quality-report" aria-busy={stale || undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangeLine info={q} />
        <ExportButtons
          sheets={() => qualitySheets(q, t, bucket)}
          fileBase={`quality-${q.from}-${q.to}`}
          report={t('sections.quality')}
          scope={scopeLabel}
          range={range}
          cutoff={q.cutoff}
        />
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5 print:grid-cols-5">
        <Figure label={names.index} value={f.num(total.index.index, 1)} lines={[componentsOf(total)]} testId="quality-index" />
        <Figure
          label={t('quality.satisfaction')}
          value={f.num(total.meanRating, 2)}
          lines={[`${t('quality.meanRating')}`, `${names.csat} ${f.rate(total.csatShare)}`, t('quality.ratings', { count: total.ratings })]}
          testId="quality-satisfaction"
        />
        <Figure
          label={t('quality.timeliness')}
          value={f.rate(total.firstResponseShare)}
          lines={[
            `${names.firstResponse} · ${t('quality.decided', { count: total.firstResponseDecided })}`,
            `${names.resolution} ${f.rate(total.resolutionShare)} · ${t('quality.decided', { count: total.resolutionDecided })}`,
          ]}
          testId="quality-timeliness"
        />
        <Figure
          label={t('quality.resolutionGroup')}
          value={hours(total.medianResolveHours)}
          lines={[
            t('quality.medianHours'),
            `${t('quality.reopen')} ${f.rate(total.reopenRate)} · ${t('quality.resolved', { count: total.resolved })}`,
            `${t('quality.cancellation')} ${f.rate(total.cancellationRate)} · ${t('quality.cancelled', { count: total.cancelled })}`,
          ]}
          testId="quality-resolution"
        />
        <Figure
          label={t('quality.reach')}
          value={f.num(total.ordersPer100Units, 1)}
          lines={[t('quality.per100'), t('quality.ordersUnits', { orders: f.int(total.orders), units: f.int(total.units) }), t('quality.reachNote')]}
          testId="quality-reach"
        />
      </div>
      <Card className="break-inside-avoid">
        <ReportChart
          title={t('quality.trend')}
          option={option}
          testId="quality-trend"
          empty={q.rows.length ? undefined : t('rates.noBuckets')}
          table={{
            columns: [
              t('quality.period'),
              names.index,
              t('quality.components'),
              t('quality.meanRating'),
              names.csat,
              names.firstResponse,
              names.resolution,
              t('quality.reopen'),
              t('quality.cancellation'),
              t('quality.medianHours'),
              t('quality.per100'),
              t('rates.status'),
            ],
            numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            rows: q.rows.map((row) => ({
              key: row.bucket.key,
              cells: [
                bucket(row.bucket.key),
                f.num(row.quality.index.index, 1),
                f.int(row.quality.index.componentsUsed),
                f.num(row.quality.meanRating, 2),
                f.rate(row.quality.csatShare),
                f.rate(row.quality.firstResponseShare),
                f.rate(row.quality.resolutionShare),
                f.rate(row.quality.reopenRate),
                f.rate(row.quality.cancellationRate),
                f.num(row.quality.medianResolveHours, 1),
                f.num(row.quality.ordersPer100Units, 1),
                row.bucket.closed ? t('status.published') : t('status.open'),
              ],
            })),
          }}
        />
      </Card>
      <Card title={t('quality.ranking')}>
        <Table
          caption={t('quality.ranking')}
          className="print:text-[9px] print:[&_td]:px-1 print:[&_th]:px-1 print:[&_th]:whitespace-normal"
          data-testid="quality-ranking"
        >
          <THead>
            <Th className="text-right">{t('rates.rank')}</Th>
            <Th>{t('rates.community')}</Th>
            <Th className="text-right">{names.index}</Th>
            <Th className="text-right">{t('quality.meanRating')}</Th>
            <Th className="text-right">{names.csat}</Th>
            <Th className="text-right">{names.firstResponse}</Th>
            <Th className="text-right">{names.resolution}</Th>
            <Th className="text-right">{t('quality.reopen')}</Th>
            <Th className="text-right">{t('quality.cancellation')}</Th>
            <Th className="text-right">{t('quality.medianHours')}</Th>
            <Th className="text-right">{t('quality.per100')}</Th>
          </THead>
          <TBody>
            {q.ranking.length === 0 && <TableMessage colSpan={11}>{t('chart.noData')}</TableMessage>}
            {q.ranking.map((c) => (
              <Tr key={c.communityId}>
                <Td className="text-right tabular-nums">{c.rank}</Td>
                <Td className="font-medium">{c.name}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {f.num(c.quality.index.index, 1)}
                  <span className="block text-xs text-gray-500">{componentsOf(c.quality)}</span>
                </Td>
                <Td className="text-right tabular-nums">{f.num(c.quality.meanRating, 2)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.quality.csatShare)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.quality.firstResponseShare)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.quality.resolutionShare)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.quality.reopenRate)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.quality.cancellationRate)}</Td>
                <Td className="text-right tabular-nums">{f.num(c.quality.medianResolveHours, 1)}</Td>
                <Td className="text-right tabular-nums">{f.num(c.quality.ordersPer100Units, 1)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
      <Card title={t('quality.weights')} className="break-inside-avoid">
        <p className="mb-2 text-xs text-gray-500">{t('quality.weightsNote')}</p>
        <Table caption={t('quality.weights')} data-testid="quality-weights">
          <THead>
            <Th>{t('quality.weights')}</Th>
            <Th className="text-right">{t('quality.weight')}</Th>
            <Th className="text-right">{t('quality.score')}</Th>
          </THead>
          <TBody>
            {QUALITY_COMPONENTS.map((k) => (
              <Tr key={k}>
                <Td>{t(`quality.componentNames.${k}`)}</Td>
                <Td className="text-right tabular-nums">{f.num(q.weights[k], 2)}</Td>
                <Td className="text-right tabular-nums">{f.num(total.index.scores[k], 1)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="mt-2 text-xs text-gray-500">
          {q.rows.some((row) => row.bucket.closed) && <Badge tone="blue">{t('status.published')}</Badge>} {t('rates.publishedNote')}
        </p>
        {can(member, 'services.manage') && <WeightsForm weights={q.weights} />}
      </Card>
    </div>
  );
}

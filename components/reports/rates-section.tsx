'use client';
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RatesReport } from '@/server/reports/types';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Loading } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useServerError } from '@/components/forms/use-server-error';
import { RateCard } from '@/components/collection/rate-card';
import { ReportChart } from './report-chart';
import { lineOption, pct } from './chart-options';
import { ratesSheets } from './sheets';
import { ExportButtons, RangeLine, useReportKit, type ReportInput } from './use-report-kit';

/** 收缴率: the four rates over the range with numerator and denominator, their trend, changes and the community ranking. */
export function RatesSection({ input, scopeLabel }: { input: ReportInput; scopeLabel: string }) {
  const { t, slug } = useReportKit();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({ ...trpc.reports.getRates.queryOptions({ tenant: slug, ...input }), placeholderData: keepPreviousData });
  if (q.error) return <Alert tone="error">{errorText(q.error)}</Alert>;
  if (!q.data) return <Loading label={t('loading')} />;
  return <RatesBody r={q.data} scopeLabel={scopeLabel} stale={q.isPlaceholderData} />;
}

export function RatesBody({ r, scopeLabel, stale }: { r: RatesReport; scopeLabel: string; stale?: boolean }) {
  const { t, f, bucket } = useReportKit();
  const names = useMemo(
    () => ({ current: t('rates.current'), household: t('rates.household'), arrears: t('rates.arrears'), overall: t('rates.overall') }),
    [t],
  );
  const option = useMemo(
    () =>
      lineOption(
        r.rows.map((row) => bucket(row.bucket.key)),
        [
          { name: names.current, values: r.rows.map((row) => pct(row.figures.rates.currentPeriod.rate)) },
          { name: names.household, values: r.rows.map((row) => pct(row.figures.rates.household.rate)) },
          { name: names.arrears, values: r.rows.map((row) => pct(row.figures.rates.arrearsRecovery.rate)) },
          { name: names.overall, values: r.rows.map((row) => pct(row.figures.rates.overall.rate)) },
        ],
        f,
      ),
    [r, f, bucket, names],
  );
  const total = r.total.rates;
  const range = r.buckets.length ? `${bucket(r.buckets[0]!.key)} – ${bucket(r.buckets[r.buckets.length - 1]!.key)}` : `${r.from} – ${r.to}`;
  const units = (count: number) => t('rates.units', { count });
  const published = <Badge tone="blue">{t('status.published')}</Badge>;

  return (
    <div className={stale ? 'space-y-5 opacity-60 print:space-y-3' : 'space-y-5 print:space-y-3'} data-testid="rates-report" aria-busy={stale || undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangeLine info={r} />
        <ExportButtons
          sheets={() => ratesSheets(r, t, bucket)}
          fileBase={`rates-${r.from}-${r.to}`}
          report={t('sections.rates')}
          scope={scopeLabel}
          range={range}
          cutoff={r.cutoff}
        />
      </div>
      <h2 className="text-base font-semibold text-gray-900">{t('rates.total')}</h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4">
        <RateCard
          testId="rate-current"
          title={names.current}
          rate={total.currentPeriod.rate}
          numerator={f.money(total.currentPeriod.numeratorFen)}
          denominator={f.money(total.currentPeriod.denominatorFen)}
          numeratorLabel={t('rates.currentNum')}
          denominatorLabel={t('rates.currentDen')}
        />
        <RateCard
          testId="rate-household"
          title={names.household}
          rate={total.household.rate}
          numerator={units(total.household.numerator)}
          denominator={units(total.household.denominator)}
          numeratorLabel={t('rates.householdNum')}
          denominatorLabel={t('rates.householdDen')}
        />
        <RateCard
          testId="rate-arrears"
          title={names.arrears}
          rate={total.arrearsRecovery.rate}
          numerator={f.money(total.arrearsRecovery.numeratorFen)}
          denominator={f.money(total.arrearsRecovery.denominatorFen)}
          numeratorLabel={t('rates.arrearsNum')}
          denominatorLabel={t('rates.arrearsDen')}
        />
        <RateCard
          testId="rate-overall"
          title={names.overall}
          rate={total.overall.rate}
          numerator={f.money(total.overall.numeratorFen)}
          denominator={f.money(total.overall.denominatorFen)}
          numeratorLabel={t('rates.overallNum')}
          denominatorLabel={t('rates.overallDen')}
        />
      </div>
      <Card className="break-inside-avoid">
        <ReportChart
          title={t('rates.trend')}
          option={option}
          testId="rates-trend"
          empty={r.rows.length ? undefined : t('rates.noBuckets')}
          table={{
            columns: [t('rates.period'), names.current, names.household, names.arrears, names.overall, t('rates.status')],
            numeric: [1, 2, 3, 4],
            rows: r.rows.map((row) => ({
              key: row.bucket.key,
              cells: [
                bucket(row.bucket.key),
                f.rate(row.figures.rates.currentPeriod.rate),
                f.rate(row.figures.rates.household.rate),
                f.rate(row.figures.rates.arrearsRecovery.rate),
                f.rate(row.figures.rates.overall.rate),
                row.bucket.closed ? t('status.published') : t('status.open'),
              ],
            })),
          }}
        />
      </Card>
      <Card title={t('rates.periods')}>
        <Table
          caption={t('rates.periods')}
          className="print:text-[9px] print:[&_td]:px-1 print:[&_th]:px-1 print:[&_th]:whitespace-normal"
          data-testid="rates-periods"
        >
          <THead>
            <Th>{t('rates.period')}</Th>
            <Th className="text-right">{t('rates.billed')}</Th>
            <Th className="text-right">{t('rates.collected')}</Th>
            <Th className="text-right">{names.current}</Th>
            <Th className="text-right" aria-label={`${names.current} ${t('rates.momShort')}`}>
              {t('rates.momShort')}
            </Th>
            <Th className="text-right" aria-label={`${names.current} ${t('rates.yoyShort')}`}>
              {t('rates.yoyShort')}
            </Th>
            <Th className="text-right">{names.household}</Th>
            <Th className="text-right" aria-label={`${names.household} ${t('rates.momShort')}`}>
              {t('rates.momShort')}
            </Th>
            <Th className="text-right" aria-label={`${names.household} ${t('rates.yoyShort')}`}>
              {t('rates.yoyShort')}
            </Th>
            <Th className="text-right">{names.arrears}</Th>
            <Th className="text-right">{names.overall}</Th>
            <Th className="text-right" aria-label={`${names.overall} ${t('rates.momShort')}`}>
              {t('rates.momShort')}
            </Th>
            <Th className="text-right" aria-label={`${names.overall} ${t('rates.yoyShort')}`}>
              {t('rates.yoyShort')}
            </Th>
          </THead>
          <TBody>
            {r.rows.length === 0 && <TableMessage colSpan={13}>{t('rates.noBuckets')}</TableMessage>}
            {r.rows.map((row) => {
              const fg = row.figures;
              return (
                <Tr key={row.bucket.key} data-testid="rates-period-row">
                  <Td className="whitespace-nowrap">
                    <span className="mr-2">{bucket(row.bucket.key)}</span>
                    {row.bucket.closed && published}
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{f.money(fg.billedFen)}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{f.money(fg.collectedFen)}</Td>
                  <Td className="text-right tabular-nums">{f.rate(fg.rates.currentPeriod.rate)}</Td>
                  <Td className="text-right tabular-nums">{f.pp(row.mom.currentPeriod)}</Td>
                  <Td className="text-right tabular-nums">{f.pp(row.yoy.currentPeriod)}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {f.rate(fg.rates.household.rate)}
                    <span className="ml-1 text-xs text-gray-500">
                      {f.int(fg.unitsPaid)}/{f.int(fg.unitsBilled)}
                    </span>
                  </Td>
                  <Td className="text-right tabular-nums">{f.pp(row.mom.household)}</Td>
                  <Td className="text-right tabular-nums">{f.pp(row.yoy.household)}</Td>
                  <Td className="text-right tabular-nums">{f.rate(fg.rates.arrearsRecovery.rate)}</Td>
                  <Td className="text-right tabular-nums">{f.rate(fg.rates.overall.rate)}</Td>
                  <Td className="text-right tabular-nums">{f.pp(row.mom.overall)}</Td>
                  <Td className="text-right tabular-nums">{f.pp(row.yoy.overall)}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
        <p className="mt-2 text-xs text-gray-500">
          {t('rates.changeNote')} {t('rates.publishedNote')}
        </p>
      </Card>
      <Card title={t('rates.ranking')} className="break-inside-avoid">
        <Table caption={t('rates.ranking')} data-testid="rates-ranking">
          <THead>
            <Th className="text-right">{t('rates.rank')}</Th>
            <Th>{t('rates.community')}</Th>
            <Th className="text-right">{t('rates.unitsColumn')}</Th>
            <Th className="text-right">{names.current}</Th>
            <Th className="text-right">{names.household}</Th>
            <Th className="text-right">{names.arrears}</Th>
            <Th className="text-right">{names.overall}</Th>
          </THead>
          <TBody>
            {r.ranking.length === 0 && <TableMessage colSpan={7}>{t('chart.noData')}</TableMessage>}
            {r.ranking.map((c) => (
              <Tr key={c.communityId}>
                <Td className="text-right tabular-nums">{c.rank}</Td>
                <Td className="font-medium">{c.name}</Td>
                <Td className="text-right tabular-nums">{f.int(c.units)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {f.rate(c.figures.rates.currentPeriod.rate)}
                  <span className="block text-xs text-gray-500">
                    {f.money(c.figures.collectedFen)} / {f.money(c.figures.billedFen)}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">{f.rate(c.figures.rates.household.rate)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.figures.rates.arrearsRecovery.rate)}</Td>
                <Td className="text-right tabular-nums">{f.rate(c.figures.rates.overall.rate)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}

'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QuarterRanking } from '@/server/reports/types';
import { QUALITY_COMPONENTS } from '@/server/shared/quality-index';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Loading } from '@/components/ui/empty-state';
import { SelectField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { useServerError } from '@/components/forms/use-server-error';
import { rankingSheets } from './sheets';
import { ExportButtons, useReportKit } from './use-report-kit';

/** 季度评比: the company's communities for one quarter, ranked by quality index and collection rate; a table made to be printed. */
export function RankingSection({ quarter, quarters, onQuarter }: { quarter: string; quarters: string[]; onQuarter: (q: string) => void }) {
  const { t, slug, bucket } = useReportKit();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({ ...trpc.reports.getQuarterRanking.queryOptions({ tenant: slug, quarter }), placeholderData: keepPreviousData });
  return (
    <div className="space-y-5 print:space-y-3">
      <div className="max-w-xs print:hidden">
        <SelectField label={t('ranking.quarter')} value={quarter} onChange={(e) => onQuarter(e.target.value)}>
          {quarters.map((k) => (
            <option key={k} value={k}>
              {bucket(k)}
            </option>
          ))}
        </SelectField>
      </div>
      {q.error ? (
        <Alert tone="error">{errorText(q.error)}</Alert>
      ) : !q.data ? (
        <Loading label={t('loading')} />
      ) : (
        <RankingBody r={q.data} stale={q.isPlaceholderData} />
      )}
    </div>
  );
}

export function RankingBody({ r, stale }: { r: QuarterRanking; stale?: boolean }) {
  const { t, f, bucket } = useReportKit();
  const title = t('ranking.title', { quarter: bucket(r.quarter) });
  return (
    <Card
      title={title}
      actions={
        <ExportButtons
          sheets={() => rankingSheets(r, t)}
          fileBase={`ranking-${r.quarter}`}
          report={title}
          scope={t('scope.company')}
          range={bucket(r.quarter)}
          cutoff={r.bucket.cutoff}
        />
      }
      className={stale ? 'opacity-60 print:border-0 print:shadow-none' : 'print:border-0 print:shadow-none'}
      data-testid="quarter-ranking"
    >
      <p className="mb-3 flex flex-wrap items-center gap-2 text-sm text-gray-600">
        {r.bucket.closed && <Badge tone="blue">{t('status.published')}</Badge>}
        <span>{t('rangeLine', { from: r.bucket.firstMonth, to: r.bucket.lastMonth, grain: t('grainWords.quarter'), cutoff: r.bucket.cutoff })}</span>
      </p>
      <Table caption={title} className="print:text-xs">
        <THead>
          <Th className="text-right">{t('ranking.overallRank')}</Th>
          <Th>{t('ranking.community')}</Th>
          <Th className="text-right">{t('ranking.units')}</Th>
          <Th className="text-right">{t('ranking.qualityIndex')}</Th>
          <Th className="text-right">{t('ranking.qualityRank')}</Th>
          <Th className="text-right">{t('ranking.collectionRate')}</Th>
          <Th className="text-right">{t('ranking.collectionRank')}</Th>
        </THead>
        <TBody>
          {r.rows.length === 0 && <TableMessage colSpan={7}>{t('ranking.empty')}</TableMessage>}
          {r.rows.map((row) => (
            <Tr key={row.communityId} data-testid="ranking-row" className="break-inside-avoid">
              <Td className="text-right font-semibold tabular-nums">{row.overallRank}</Td>
              <Td className="font-medium">{row.name}</Td>
              <Td className="text-right tabular-nums">{f.int(row.units)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {f.num(row.qualityIndex, 1)}
                <span className="block text-xs text-gray-500">
                  {t('quality.componentsUsed', { count: row.componentsUsed, total: QUALITY_COMPONENTS.length })}
                </span>
              </Td>
              <Td className="text-right tabular-nums">{row.qualityRank ?? '—'}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {f.rate(row.collectionRate)}
                <span className="block text-xs text-gray-500">
                  {f.money(row.collectedFen)} / {f.money(row.billedFen)}
                </span>
              </Td>
              <Td className="text-right tabular-nums">{row.collectionRank ?? '—'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p className="mt-2 text-xs text-gray-500">{t('ranking.note')}</p>
    </Card>
  );
}

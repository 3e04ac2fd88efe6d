'use client';
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CommunityFit, PanelFit, PanelPointOut, RelationshipReport, SegmentRate, SlopeSummary } from '@/server/reports/types';
import { RELATIONSHIP_RATES } from '@/server/shared/schemas/reports';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { SelectField, ValueOptions } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useServerError } from '@/components/forms/use-server-error';
import { ReportChart } from './report-chart';
import { barOption, pct, scatterOption } from './chart-options';
import { relationshipSheets } from './sheets';
import { slopeSummary } from './relationship-summary';
import { ExportButtons, RangeLine, useReportKit, type ReportInput } from './use-report-kit';

type Rate = (typeof RELATIONSHIP_RATES)[number];

/**
 * 关联分析 (DOMAIN.md "The relationship"): quality index against the chosen rate, one point per
 * community, with the fitted line, r, ρ and the slope (95% intervals from 8 communities on), said
 * in plain words; the per-period panel and the lag view (cluster-bootstrap intervals); households
 * by service experience (Wilson intervals, Newcombe's for the difference).
 */
export function RelationshipSection({ input, rate, onRate, scopeLabel }: { input: ReportInput; rate: Rate; onRate: (r: Rate) => void; scopeLabel: string }) {
  const { t, slug } = useReportKit();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({ ...trpc.reports.getRelationship.queryOptions({ tenant: slug, ...input, rate }), placeholderData: keepPreviousData });
  return (
    <div className="space-y-5 print:space-y-3">
      <div className="max-w-xs print:hidden">
        <SelectField label={t('relationship.rate')} value={rate} onChange={(e) => onRate(e.target.value as Rate)}>
          <ValueOptions values={RELATIONSHIP_RATES} label={(r) => t(`relationship.rates.${r}`)} />
        </SelectField>
      </div>
      {q.error ? (
        <Alert tone="error">{errorText(q.error)}</Alert>
      ) : !q.data ? (
        <Loading label={t('loading')} />
      ) : (
        <RelationshipBody rel={q.data} scopeLabel={scopeLabel} stale={q.isPlaceholderData} />
      )}
    </div>
  );
}

/** The plain-language sentence for a fit, and why no interval is shown when none is. */
export function useSlopeWords() {
  const { t, f } = useReportKit();
  return (s: SlopeSummary, rate: 'currentPeriod' | 'household', min: number): { sentence: string | null; caveat: string | null } => {
    const tooFew = s.n < min ? `${t('relationship.tooFew', { n: s.n, min })} ` : '';
    if (s.per10Points === null) return { sentence: null, caveat: `${tooFew}${t('relationship.noLine')}` };
    const base = { rate: t(`relationship.rateWords.${rate}`), amount: f.num(Math.abs(s.per10Points), 1), direction: s.per10Points < 0 ? 'lower' : 'higher' };
    if (s.intervalShown && s.interval) {
      // "lower by x (a to b)": the interval of the amount said, so its signs follow the word
      const [low, high] = s.per10Points < 0 ? [-s.interval.high, -s.interval.low] : [s.interval.low, s.interval.high];
      return { sentence: t('relationship.summary', { ...base, low: f.num(low, 1), high: f.num(high, 1) }), caveat: null };
    }
    return {
      sentence: t('relationship.summaryNoInterval', base),
      caveat: tooFew || t('relationship.noLine'),
    };
  };
}

export function RelationshipBody({ rel, scopeLabel, stale }: { rel: RelationshipReport; scopeLabel: string; stale?: boolean }) {
  const { t, f, bucket } = useReportKit();
  const words = useSlopeWords();
  const rateName = t(`relationship.rates.${rel.rate}`);
  const min = rel.minCommunitiesForInterval;
  const main = slopeSummary(rel, 'communities');
  const { sentence, caveat } = words(main, rel.rate, min);
  const labels = useMemo(
    () => ({ x: t('relationship.axisIndex'), y: rateName, points: t('relationship.communities'), fitted: t('relationship.fitted') }),
    [t, rateName],
  );
  const communityOption = useMemo(
    () =>
      scatterOption(
        rel.communities.points.map((p) => ({ name: p.name, x: p.quality, y: p.rate * 100 })),
        rel.communities.fit,
        labels,
        f,
      ),
    [rel, labels, f],
  );
  const range = rel.buckets.length ? `${bucket(rel.buckets[0]!.key)} – ${bucket(rel.buckets[rel.buckets.length - 1]!.key)}` : `${rel.from} – ${rel.to}`;
  const h = rel.households;
  const segments: [string, string, SegmentRate][] = [
    ['good', t('relationship.segments.good'), h.good],
    ['bad', t('relationship.segments.bad'), h.bad],
    ['none', t('relationship.segments.none'), h.none],
    ...(h.neither ? [['neither', t('relationship.segments.neither'), h.neither] as [string, string, SegmentRate]] : []),
  ];
  const segmentOption = useMemo(
    () =>
      barOption(
        segments.map((s) => s[1]),
        segments.map((s) => pct(s[2].rate)),
        t('relationship.segmentRate'),
        f,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rel, f, t],
  );

  return (
    <div
      className={stale ? 'space-y-5 opacity-60 print:space-y-3' : 'space-y-5 print:space-y-3'}
      data-testid="relationship-report"
      aria-busy={stale || undefined}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangeLine info={rel} />
        <ExportButtons
          sheets={() => relationshipSheets(rel, t, bucket)}
          fileBase={`relationship-${rel.rate}-${rel.from}-${rel.to}`}
          report={`${t('sections.relationship')} · ${rateName}`}
          scope={scopeLabel}
          range={range}
          cutoff={rel.cutoff}
        />
      </div>
      <div className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sky-900 break-inside-avoid" data-testid="relationship-summary">
        {sentence && <p className="text-base font-medium">{sentence}</p>}
        {caveat && (
          <p className="text-sm" data-testid="relationship-caveat">
            {caveat}
          </p>
        )}
      </div>
      <Card title={t('relationship.communitiesChart', { rate: t(`relationship.rateWords.${rel.rate}`) })} className="break-inside-avoid">
        <FitStats fit={rel.communities.fit} summary={main} />
        <ReportChart
          title={t('relationship.communitiesChart', { rate: t(`relationship.rateWords.${rel.rate}`) })}
          option={communityOption}
          testId="relationship-communities"
          titleShown={false}
          empty={rel.communities.points.length ? undefined : t('chart.noData')}
          table={{
            columns: [t('relationship.community'), t('relationship.axisIndex'), rateName, t('relationship.units')],
            numeric: [1, 2, 3],
            rows: rel.communities.points.map((p) => ({ key: p.communityId, cells: [p.name, f.num(p.quality, 1), f.rate(p.rate), f.int(p.units)] })),
          }}
        />
      </Card>
      <PanelCard
        title={t('relationship.panel')}
        note={t('relationship.panelNote', { replicates: f.int(rel.panel.fit.replicates) })}
        points={rel.panel.points}
        fit={rel.panel.fit}
        summary={slopeSummary(rel, 'panel')}
        rateName={rateName}
        rate={rel.rate}
        min={min}
        testId="relationship-panel"
      />
      <PanelCard
        title={t('relationship.lag')}
        note={t('relationship.lagNote')}
        points={rel.lag.points}
        fit={rel.lag.fit}
        summary={slopeSummary(rel, 'lag')}
        rateName={rateName}
        rate={rel.rate}
        min={min}
        testId="relationship-lag"
        lag
      />
      <Card title={t('relationship.households')} className="break-inside-avoid">
        <p className="mb-3 text-xs text-gray-500">{t('relationship.householdsNote', { from: h.experienceFrom, to: h.experienceTo })}</p>
        <Table caption={t('relationship.households')} data-testid="relationship-households">
          <THead>
            <Th>{t('relationship.segment')}</Th>
            <Th className="text-right">{t('relationship.segmentUnits')}</Th>
            <Th className="text-right">{t('relationship.segmentPaid')}</Th>
            <Th className="text-right">{t('relationship.segmentRate')}</Th>
            <Th className="text-right">{t('relationship.wilson')}</Th>
          </THead>
          <TBody>
            {segments.map(([key, name, s]) => (
              <Tr key={key}>
                <Td className="font-medium">{name}</Td>
                <Td className="text-right tabular-nums">{f.int(s.units)}</Td>
                <Td className="text-right tabular-nums">{f.int(s.paid)}</Td>
                <Td className="text-right tabular-nums">{f.rate(s.rate)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">{s.interval ? `${f.rate(s.interval.low)} – ${f.rate(s.interval.high)}` : '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="mt-3 text-sm text-gray-800" data-testid="relationship-gap">
          {h.difference
            ? t('relationship.gap', {
                points: f.points(h.difference.difference * 100),
                low: f.points(h.difference.interval.low * 100),
                high: f.points(h.difference.interval.high * 100),
              })
            : t('relationship.noGap')}
        </p>
        <div className="mt-4">
          <ReportChart
            title={t('relationship.segmentsChart')}
            option={segmentOption}
            height={240}
            testId="relationship-segments"
            table={{
              columns: [t('relationship.segment'), t('relationship.segmentRate'), t('relationship.wilson')],
              numeric: [1, 2],
              rows: segments.map(([key, name, s]) => ({
                key,
                cells: [name, f.rate(s.rate), s.interval ? `${f.rate(s.interval.low)} – ${f.rate(s.interval.high)}` : '—'],
              })),
            }}
          />
        </div>
      </Card>
    </div>
  );
}

/** n, r, ρ and the slope per 10 index points, each with its 95% interval where one is shown. */
function FitStats({ fit, summary }: { fit: CommunityFit | PanelFit; summary: SlopeSummary }) {
  const { t, f } = useReportKit();
  const ci = (s: string) => `${t('relationship.ci')} ${s}`;
  const items: { label: string; value: string; sub?: string }[] = [
    { label: t('relationship.n'), value: f.int(fit.n) },
    ...('points' in fit ? [{ label: t('relationship.points'), value: f.int(fit.points) }] : []),
    { label: t('relationship.r'), value: f.num(fit.r, 3), sub: fit.rInterval ? ci(f.interval(fit.rInterval, 3)) : undefined },
    ...('rho' in fit ? [{ label: t('relationship.rho'), value: f.num(fit.rho, 3) }] : []),
    { label: t('relationship.slope'), value: f.points(summary.per10Points), sub: summary.interval ? ci(f.interval(summary.interval, 1)) : undefined },
  ];
  return (
    <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-5 print:grid-cols-5" data-testid="fit-stats">
      {items.map((it) => (
        <div key={it.label} className="min-w-0">
          <dt className="text-gray-500">{it.label}</dt>
          <dd className="font-semibold text-gray-900 tabular-nums">{it.value}</dd>
          {it.sub && <dd className="text-xs text-gray-600 tabular-nums">{it.sub}</dd>}
        </div>
      ))}
    </dl>
  );
}

function PanelCard({
  title,
  note,
  points,
  fit,
  summary,
  rateName,
  rate,
  min,
  testId,
  lag,
}: {
  title: string;
  note: string;
  points: PanelPointOut[];
  fit: PanelFit;
  summary: SlopeSummary;
  rateName: string;
  rate: Rate;
  min: number;
  testId: string;
  lag?: boolean;
}) {
  const { t, f, bucket } = useReportKit();
  const words = useSlopeWords();
  const { sentence, caveat } = words(summary, rate, min);
  const option = useMemo(
    () =>
      scatterOption(
        points.map((p) => ({ name: p.name, note: bucket(p.bucket), x: p.quality, y: p.rate * 100 })),
        fit,
        { x: t('relationship.axisIndex'), y: rateName, points: t('relationship.points'), fitted: t('relationship.fitted') },
        f,
      ),
    [points, fit, t, rateName, f, bucket],
  );
  return (
    <Card title={title} className="break-inside-avoid">
      <p className="mb-2 text-xs text-gray-500">{note}</p>
      {(sentence || caveat) && (
        <p className="mb-3 text-sm text-gray-800">
          {sentence} {caveat}
        </p>
      )}
      <FitStats fit={fit} summary={summary} />
      <ReportChart
        title={title}
        option={option}
        testId={testId}
        titleShown={false}
        empty={points.length ? undefined : t('chart.noData')}
        table={{
          columns: [t('relationship.community'), lag ? t('relationship.lagPeriod') : t('relationship.period'), t('relationship.axisIndex'), rateName],
          numeric: [2, 3],
          rows: points.map((p) => ({ key: `${p.communityId}:${p.bucket}`, cells: [p.name, bucket(p.bucket), f.num(p.quality, 1), f.rate(p.rate)] })),
        }}
      />
    </Card>
  );
}

import type { useTranslations } from 'next-intl';
import type { QualityFigures, QualityReport, QuarterRanking, RatesReport, RelationshipReport, SegmentRate } from '@/server/reports/types';
import { QUALITY_COMPONENTS } from '@/server/shared/quality-index';
import type { Column, Sheet } from './export';
import { slopeSummary } from './relationship-summary';

// Each report as the sheets it exports (CSV, .xlsx): the same rows the page shows, with raw
// numbers (fen, fractions) that the writers format. Pure, so a unit test builds them from a fixture.

export type ReportsT = ReturnType<typeof useTranslations<'reports'>>;
/** A bucket key in words (2026-Q1 → 2026年第1季度). */
export type BucketWords = (key: string) => string;

const col = (header: string, kind: Column['kind'] = 'text', digits?: number): Column => ({ header, kind, ...(digits !== undefined ? { digits } : {}) });

export function ratesSheets(r: RatesReport, t: ReportsT, bucket: BucketWords): Sheet[] {
  const rateName = { current: t('rates.current'), household: t('rates.household'), arrears: t('rates.arrears'), overall: t('rates.overall') };
  const periods: Sheet = {
    name: t('rates.periods'),
    columns: [
      col(t('rates.period')),
      col(t('rates.status')),
      col(t('rates.billed'), 'fen'),
      col(t('rates.collected'), 'fen'),
      col(rateName.current, 'rate'),
      col(t('rates.mom', { rate: rateName.current }), 'number', 2),
      col(t('rates.yoy', { rate: rateName.current }), 'number', 2),
      col(t('rates.billedUnits'), 'int'),
      col(t('rates.paidUnits'), 'int'),
      col(rateName.household, 'rate'),
      col(t('rates.mom', { rate: rateName.household }), 'number', 2),
      col(t('rates.yoy', { rate: rateName.household }), 'number', 2),
      col(t('rates.openingArrears'), 'fen'),
      col(t('rates.recovered'), 'fen'),
      col(rateName.arrears, 'rate'),
      col(rateName.overall, 'rate'),
      col(t('rates.mom', { rate: rateName.overall }), 'number', 2),
      col(t('rates.yoy', { rate: rateName.overall }), 'number', 2),
    ],
    rows: r.rows.map((row) => {
      const f = row.figures;
      return [
        bucket(row.bucket.key),
        row.bucket.closed ? t('status.published') : t('status.open'),
        f.billedFen,
        f.collectedFen,
        f.rates.currentPeriod.rate,
        pp(row.mom.currentPeriod),
        pp(row.yoy.currentPeriod),
        f.unitsBilled,
        f.unitsPaid,
        f.rates.household.rate,
        pp(row.mom.household),
        pp(row.yoy.household),
        f.openingArrearsFen,
        f.arrearsRecoveredFen,
        f.rates.arrearsRecovery.rate,
        f.rates.overall.rate,
        pp(row.mom.overall),
        pp(row.yoy.overall),
      ];
    }),
  };
  const ranking: Sheet = {
    name: t('rates.rankingSheet'),
    columns: [
      col(t('rates.rank'), 'int'),
      col(t('rates.community')),
      col(t('rates.unitsColumn'), 'int'),
      col(t('rates.billed'), 'fen'),
      col(t('rates.collected'), 'fen'),
      col(rateName.current, 'rate'),
      col(rateName.household, 'rate'),
      col(rateName.arrears, 'rate'),
      col(rateName.overall, 'rate'),
    ],
    rows: r.ranking.map((c) => [
      c.rank,
      c.name,
      c.units,
      c.figures.billedFen,
      c.figures.collectedFen,
      c.figures.rates.currentPeriod.rate,
      c.figures.rates.household.rate,
      c.figures.rates.arrearsRecovery.rate,
      c.figures.rates.overall.rate,
    ]),
  };
  return [periods, ranking];
}

/** A change of a rate (difference of fractions) in percentage points. */
const pp = (d: number | null) => (d === null ? null : d * 100);

function qualityColumns(t: ReportsT): Column[] {
  return [
    col(t('quality.index'), 'number', 1),
    col(t('quality.components'), 'int'),
    col(t('quality.meanRating'), 'number', 2),
    col(t('quality.csat'), 'rate'),
    col(t('quality.firstResponse'), 'rate'),
    col(t('quality.resolution'), 'rate'),
    col(t('quality.reopen'), 'rate'),
    col(t('quality.cancellation'), 'rate'),
    col(t('quality.medianHours'), 'number', 1),
    col(t('quality.per100'), 'number', 1),
    col(t('quality.orders'), 'int'),
  ];
}

function qualityCells(q: QualityFigures) {
  return [
    q.index.index,
    q.index.componentsUsed,
    q.meanRating,
    q.csatShare,
    q.firstResponseShare,
    q.resolutionShare,
    q.reopenRate,
    q.cancellationRate,
    q.medianResolveHours,
    q.ordersPer100Units,
    q.orders,
  ];
}

export function qualitySheets(q: QualityReport, t: ReportsT, bucket: BucketWords): Sheet[] {
  return [
    {
      name: t('quality.trend'),
      columns: [col(t('quality.period')), col(t('rates.status')), ...qualityColumns(t)],
      rows: q.rows.map((row) => [bucket(row.bucket.key), row.bucket.closed ? t('status.published') : t('status.open'), ...qualityCells(row.quality)]),
    },
    {
      name: t('rates.rankingSheet'),
      columns: [col(t('rates.rank'), 'int'), col(t('rates.community')), ...qualityColumns(t)],
      rows: q.ranking.map((c) => [c.rank, c.name, ...qualityCells(c.quality)]),
    },
    {
      name: t('quality.weights'),
      columns: [col(t('quality.weights')), col(t('quality.weight'), 'number', 2), col(t('quality.score'), 'number', 1)],
      rows: QUALITY_COMPONENTS.map((k) => [t(`quality.componentNames.${k}`), q.weights[k], q.total.index.scores[k]]),
    },
  ];
}

export function relationshipSheets(rel: RelationshipReport, t: ReportsT, bucket: BucketWords): Sheet[] {
  const rateName = t(`relationship.rates.${rel.rate}`);
  const fits = [
    [t('relationship.communities'), rel.communities.fit, slopeSummary(rel, 'communities')] as const,
    [t('relationship.panel'), rel.panel.fit, slopeSummary(rel, 'panel')] as const,
    [t('relationship.lag'), rel.lag.fit, slopeSummary(rel, 'lag')] as const,
  ];
  const segment = (name: string, s: SegmentRate | undefined) => [
    name,
    s?.units ?? null,
    s?.paid ?? null,
    s?.rate ?? null,
    s?.interval?.low ?? null,
    s?.interval?.high ?? null,
  ];
  const ci = t('relationship.ci');
  return [
    {
      name: t('relationship.stats'),
      columns: [
        col(t('relationship.fit')),
        col(t('relationship.n'), 'int'),
        col(t('relationship.points'), 'int'),
        col(t('relationship.slope'), 'number', 2),
        col(`${ci} −`, 'number', 2),
        col(`${ci} +`, 'number', 2),
        col(t('relationship.r'), 'number', 3),
        col(`${ci} −`, 'number', 3),
        col(`${ci} +`, 'number', 3),
        col(t('relationship.rho'), 'number', 3),
      ],
      rows: fits.map(([name, fit, s]) => [
        name,
        fit.n,
        s.points,
        s.per10Points,
        s.interval?.low ?? null,
        s.interval?.high ?? null,
        fit.r,
        fit.rInterval?.low ?? null,
        fit.rInterval?.high ?? null,
        'rho' in fit ? (fit.rho as number | null) : null,
      ]),
    },
    {
      name: t('relationship.communities'),
      columns: [col(t('relationship.community')), col(t('relationship.axisIndex'), 'number', 1), col(rateName, 'rate'), col(t('relationship.units'), 'int')],
      rows: rel.communities.points.map((p) => [p.name, p.quality, p.rate, p.units]),
    },
    {
      name: t('relationship.panel'),
      columns: [col(t('relationship.community')), col(t('relationship.period')), col(t('relationship.axisIndex'), 'number', 1), col(rateName, 'rate')],
      rows: rel.panel.points.map((p) => [p.name, bucket(p.bucket), p.quality, p.rate]),
    },
    {
      name: t('relationship.lagSheet'),
      columns: [col(t('relationship.community')), col(t('relationship.lagPeriod')), col(t('relationship.axisIndex'), 'number', 1), col(rateName, 'rate')],
      rows: rel.lag.points.map((p) => [p.name, bucket(p.bucket), p.quality, p.rate]),
    },
    {
      name: t('relationship.householdsSheet'),
      columns: [
        col(t('relationship.segment')),
        col(t('relationship.segmentUnits'), 'int'),
        col(t('relationship.segmentPaid'), 'int'),
        col(t('relationship.segmentRate'), 'rate'),
        col(`${t('relationship.wilson')} −`, 'rate'),
        col(`${t('relationship.wilson')} +`, 'rate'),
      ],
      rows: [
        segment(t('relationship.segments.good'), rel.households.good),
        segment(t('relationship.segments.bad'), rel.households.bad),
        segment(t('relationship.segments.none'), rel.households.none),
        ...(rel.households.neither ? [segment(t('relationship.segments.neither'), rel.households.neither)] : []),
      ],
    },
  ];
}

export function rankingSheets(q: QuarterRanking, t: ReportsT): Sheet[] {
  return [
    {
      name: t('sections.ranking'),
      columns: [
        col(t('ranking.overallRank'), 'int'),
        col(t('ranking.community')),
        col(t('ranking.units'), 'int'),
        col(t('ranking.qualityIndex'), 'number', 1),
        col(t('ranking.components'), 'int'),
        col(t('ranking.qualityRank'), 'int'),
        col(t('ranking.collectionRate'), 'rate'),
        col(t('ranking.collected'), 'fen'),
        col(t('ranking.billed'), 'fen'),
        col(t('ranking.collectionRank'), 'int'),
      ],
      rows: q.rows.map((r) => [
        r.overallRank,
        r.name,
        r.units,
        r.qualityIndex,
        r.componentsUsed,
        r.qualityRank,
        r.collectionRate,
        r.collectedFen,
        r.billedFen,
        r.collectionRank,
      ]),
    },
  ];
}

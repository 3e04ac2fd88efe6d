// What the reports return (#16): the contract between server/reports/* and components/reports/*.
// Types only (no runtime code), so the client may `import type` them.
//
// Units: rates and shares are fractions 0–1 (null when the denominator is 0); money is integer
// fen; changes of a rate (mom, yoy) are differences of fractions (0.012 = +1.2 percentage
// points); the quality index and its component scores are 0–100; times are hours.

import type { Figures } from '../collection/rates';
import type { QualityComponent, QualityIndex, QualityWeights } from '../shared/quality-index';
import type { CommunityFit, Interval, PanelFit } from '../shared/statistics';
import type { ReportGrain } from '../shared/schemas/reports';

export type { Figures, QualityComponent, QualityIndex, QualityWeights, CommunityFit, PanelFit, Interval, ReportGrain };

export interface ReportScopeInfo {
  communityId: string | null;
  communityName: string | null;
  buildingId: string | null;
  buildingName: string | null;
}

/** One column of a report: a month (2026-03), a quarter (2026-Q1) or a year (2026). */
export interface Bucket {
  key: string;
  /** first and last month, YYYY-MM */
  firstMonth: string;
  lastMonth: string;
  /** first and last local day, YYYY-MM-DD */
  firstDay: string;
  lastDay: string;
  /** min(D, lastDay): the day the bucket is read as of */
  cutoff: string;
  /** every month of the bucket is closed (关账): month buckets then show the published figures */
  closed: boolean;
}

export interface RangeInfo {
  grain: ReportGrain;
  from: string;
  to: string;
  /** D */
  cutoff: string;
  buckets: Bucket[];
  scope: ReportScopeInfo;
}

/** Change of each rate against another bucket; null when either side has no rate. */
export interface RateChange {
  currentPeriod: number | null;
  household: number | null;
  arrearsRecovery: number | null;
  overall: number | null;
}

export interface RatesBucket {
  bucket: Bucket;
  figures: Figures;
  /** against the bucket before (previous month / quarter / year) */
  mom: RateChange;
  /** against the same bucket a year earlier */
  yoy: RateChange;
}

export interface CommunityRates {
  communityId: string;
  name: string;
  /** units in the community (register) */
  units: number;
  /** the whole range read as one bucket */
  figures: Figures;
  /** 1 = best 当期收缴率; ties share a rank */
  rank: number;
}

export interface RatesReport extends RangeInfo {
  buckets: Bucket[];
  rows: RatesBucket[];
  /**
   * The whole range as one bucket. Its 户数缴费率 counts unit-months (Σ of the months' units paid
   * ÷ Σ of their units billed): "every bill of 24 months paid" says little; a quarter or year
   * bucket counts units (DOMAIN.md).
   */
  total: Figures;
  /** communities of the scope (company scope: all; community or building scope: that one) */
  ranking: CommunityRates[];
}

/** A scope's service-quality figures for a bucket (DOMAIN.md "Service quality"). */
export interface QualityFigures {
  /** work orders created in the bucket */
  orders: number;
  /** satisfaction */
  ratings: number;
  meanRating: number | null;
  /** share of ratings 4–5 */
  csatShare: number | null;
  /** timeliness: orders whose first-response (resolution) SLA outcome is decided, and the share met */
  firstResponseDecided: number;
  firstResponseShare: number | null;
  resolutionDecided: number;
  resolutionShare: number | null;
  /** resolution: orders completed at least once; of them reopened */
  resolved: number;
  reopenRate: number | null;
  cancelled: number;
  cancellationRate: number | null;
  /** median time to resolve (clock time, quote pauses excluded), hours */
  medianResolveHours: number | null;
  /** median of (time to resolve ÷ the order's own resolution target): the index's resolve-time component is 100 × min(1, 1 ÷ this) */
  medianResolveRatio: number | null;
  /** reach: work orders per 100 units (beside the index, not in it) */
  units: number;
  ordersPer100Units: number | null;
  index: QualityIndex;
}

export interface QualityBucket {
  bucket: Bucket;
  quality: QualityFigures;
}

export interface CommunityQuality {
  communityId: string;
  name: string;
  quality: QualityFigures;
  rank: number;
}

export interface QualityReport extends RangeInfo {
  weights: QualityWeights;
  rows: QualityBucket[];
  total: QualityFigures;
  ranking: CommunityQuality[];
}

export interface RelationshipPoint {
  communityId: string;
  name: string;
  /** quality index 0–100 */
  quality: number;
  /** the chosen rate, 0–1 */
  rate: number;
  units: number;
}

export interface PanelPointOut extends RelationshipPoint {
  bucket: string;
}

export interface SegmentRate {
  /** households (units) in the segment with bills in the range */
  units: number;
  /** of them fully paid */
  paid: number;
  rate: number | null;
  interval: Interval | null;
}

export interface RelationshipReport extends RangeInfo {
  rate: 'currentPeriod' | 'household';
  /** communities in the fit (those with both an index and a rate over the range) */
  n: number;
  minCommunitiesForInterval: number;
  communities: { points: RelationshipPoint[]; fit: CommunityFit };
  /** per-bucket points (community × bucket) with cluster-bootstrap intervals */
  panel: { points: PanelPointOut[]; fit: PanelFit };
  /** a community's quality in one bucket against its rate in the next */
  lag: { points: PanelPointOut[]; fit: PanelFit };
  /** households by service experience in the 6 months up to the range's end */
  households: {
    experienceFrom: string;
    experienceTo: string;
    good: SegmentRate;
    bad: SegmentRate;
    none: SegmentRate;
    /** good − bad, Newcombe's interval */
    difference: { difference: number; interval: Interval } | null;
    /**
     * Units with orders in the window whose experience is neither good nor bad (nothing bad,
     * but a rating of 3): counted here, in no segment above.
     */
    neither?: SegmentRate;
  };
  /** What the plain-language summary needs (the UI words it with i18n from these numbers). */
  summary?: RelationshipSummary;
}

/** Why a fit shows no interval: under MIN_COMMUNITIES_FOR_INTERVAL communities, or no line (x or y does not vary, no points). */
export type NoIntervalReason = 'tooFewCommunities' | 'noLine';

/**
 * A fitted slope in the summary's units: percentage points of the rate per 10 index points
 * (slope × 10 × 100), its 95% interval likewise. "Communities whose index is 10 points higher
 * collect on average `per10Points` percentage points more (95% CI low–high)."
 */
export interface SlopeSummary {
  /** communities the fit rests on */
  n: number;
  /** points fitted (communities; community × bucket for the panel and lag) */
  points: number;
  per10Points: number | null;
  interval: { low: number; high: number } | null;
  intervalShown: boolean;
  /** null when the interval is shown */
  noIntervalReason: NoIntervalReason | null;
  /** the interval lies wholly above 0 ('positive'), below ('negative'), or spans it ('unclear'); null without an interval */
  direction: 'positive' | 'negative' | 'unclear' | null;
}

export interface RelationshipSummary {
  communities: SlopeSummary;
  panel: SlopeSummary;
  lag: SlopeSummary;
  /** good − bad household payment rates in percentage points, Newcombe's interval likewise; null when a segment is empty */
  householdGap: { points: number; interval: { low: number; high: number } } | null;
}

export interface QuarterRankingRow {
  communityId: string;
  name: string;
  units: number;
  qualityIndex: number | null;
  componentsUsed: number;
  collectionRate: number | null;
  collectedFen: number;
  billedFen: number;
  qualityRank: number | null;
  collectionRank: number | null;
  /** mean of the two ranks: the 评比 order */
  overallRank: number;
}

export interface QuarterRanking {
  quarter: string;
  bucket: Bucket;
  rows: QuarterRankingRow[];
}

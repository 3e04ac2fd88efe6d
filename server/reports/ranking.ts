// Pure pieces of the report sections: changes of rates between buckets and rankings.

import type { Figures } from '../collection/rates';
import type { RateChange } from './types';

const RATES = ['currentPeriod', 'household', 'arrearsRecovery', 'overall'] as const;

/** Each rate's fraction now minus then; null when either side has no rate (or there is no `then`). */
export function rateChange(now: Figures, then: Figures | undefined): RateChange {
  const out = {} as RateChange;
  for (const r of RATES) {
    const a = now.rates[r].rate;
    const b = then?.rates[r].rate ?? null;
    out[r] = a === null || b === null ? null : a - b;
  }
  return out;
}

/**
 * Competition ranks ("1, 2, 2, 4"), best (highest) first: equal values share a rank; items
 * without a value get null.
 */
export function ranksDesc(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && w > v).length));
}

/**
 * The order of a list ranked by value, best first, items without a value last (ranked after
 * every valued one, sharing that rank); equal values share a rank; ties keep `name` order.
 */
export function rankedDesc<T>(items: readonly T[], value: (t: T) => number | null, name: (t: T) => string): (T & { rank: number })[] {
  const values = items.map(value);
  const ranks = ranksDesc(values);
  const valued = values.filter((v) => v !== null).length;
  return items.map((t, i) => ({ ...t, rank: ranks[i] ?? valued + 1 })).sort((a, b) => a.rank - b.rank || name(a).localeCompare(name(b), 'zh-CN'));
}

/**
 * 季度评比: each community's rank on the quality index and on 当期收缴率 (null without a value:
 * it counts as last, one past the valued ones, in the mean); the overall order is by the mean of
 * the two ranks, ties by the collection rate (higher first); equal on both share the overall rank.
 */
export function overallRanks(rows: readonly { qualityIndex: number | null; collectionRate: number | null }[]) {
  const q = ranksDesc(rows.map((r) => r.qualityIndex));
  const c = ranksDesc(rows.map((r) => r.collectionRate));
  const qLast = q.filter((x) => x !== null).length + 1;
  const cLast = c.filter((x) => x !== null).length + 1;
  const mean = rows.map((_, i) => ((q[i] ?? qLast) + (c[i] ?? cLast)) / 2);
  const rate = (i: number) => rows[i]!.collectionRate ?? -Infinity;
  const better = (i: number, j: number) => mean[i]! < mean[j]! || (mean[i] === mean[j] && rate(i) > rate(j));
  return rows.map((_, i) => ({
    qualityRank: q[i] ?? null,
    collectionRank: c[i] ?? null,
    meanRank: mean[i]!,
    overallRank: 1 + rows.filter((__, j) => better(j, i)).length,
  }));
}

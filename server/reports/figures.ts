import 'server-only';
import type { TenantDb } from '../db/tenant';
import { figuresFromParts, type Figures } from '../collection/rates';
import { summaryParts, sumParts, type ScopeInput } from '../collection/summary';
import type { Bucket } from './types';

// Collection figures per bucket for a scope, and per community of the scope: what every report
// section reads. SHIM until the rollups land: computed row by row with the summary's statement
// (the test oracle). Same signature afterwards.

export interface FiguresQuery {
  tenantId: string;
  timeZone: string;
  scope: ScopeInput;
  buckets: readonly Bucket[];
  /** also per community of the scope */
  perCommunity?: boolean;
}

/** bucket key → ('*' for the scope | community id) → figures */
export type FiguresByBucket = Map<string, Map<string, Figures>>;

export async function bucketFigures(db: TenantDb, q: FiguresQuery): Promise<FiguresByBucket> {
  const out: FiguresByBucket = new Map();
  for (const b of q.buckets) {
    const rows = await summaryParts(db, {
      tenantId: q.tenantId,
      timeZone: q.timeZone,
      period: b.firstMonth,
      lastPeriod: b.lastMonth,
      cutoff: b.cutoff,
      ...q.scope,
    });
    const m = new Map<string, Figures>([['*', figuresFromParts(sumParts(rows))]]);
    if (q.perCommunity) {
      const by = new Map<string, typeof rows>();
      for (const r of rows) if (r.communityId) by.set(r.communityId, [...(by.get(r.communityId) ?? []), r]);
      for (const [c, rs] of by) m.set(c, figuresFromParts(sumParts(rs)));
    }
    out.set(b.key, m);
  }
  return out;
}

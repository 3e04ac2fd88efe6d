import { z } from 'zod';
import { ZId } from '../validation';
import { keyMessage } from '../error-key';
import { ZLocalDate, ZPeriod } from '../../collection/schemas';

// Inputs of the reports (#16): a scope (company, community, building), a range of periods at a
// grain (months, quarters, years) and a cut-off date. Shared by the router, the page's URL state
// (nuqs) and the tests.

export const REPORT_GRAINS = ['month', 'quarter', 'year'] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];

/** At most this many months in one report (the benchmark reads 24). */
export const MAX_REPORT_MONTHS = 36;

export const ZReportScope = z.object({ communityId: ZId.optional(), buildingId: ZId.optional() }).default({});

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/**
 * A range: `from` and `to` are months (YYYY-MM), inclusive; at grain quarter/year they are
 * widened to whole quarters/years (server/reports/periods.ts). `cutoff` (D) defaults to the
 * last day of `to`, or local today if `to` is not over; every bucket is read as of
 * min(D, its own last day) (a closed month: its published figures).
 */
export const ZReportRange = z
  .object({
    scope: ZReportScope,
    grain: z.enum(REPORT_GRAINS).default('month'),
    from: ZPeriod,
    to: ZPeriod,
    cutoff: ZLocalDate.optional(),
  })
  .refine((r) => r.from <= r.to, { message: keyMessage('rangeReversed'), path: ['to'] })
  .refine((r) => monthsBetween(r.from, r.to) <= MAX_REPORT_MONTHS, {
    message: keyMessage('rangeTooLong', { max: MAX_REPORT_MONTHS }),
    path: ['from'],
  });

export const RELATIONSHIP_RATES = ['currentPeriod', 'household'] as const;

export const ZRelationship = z
  .object({
    scope: ZReportScope,
    grain: z.enum(REPORT_GRAINS).default('month'),
    from: ZPeriod,
    to: ZPeriod,
    cutoff: ZLocalDate.optional(),
    /** the rate plotted against the quality index (DOMAIN.md: 当期收缴率 by default) */
    rate: z.enum(RELATIONSHIP_RATES).default('currentPeriod'),
  })
  .refine((r) => r.from <= r.to, { message: keyMessage('rangeReversed'), path: ['to'] })
  .refine((r) => monthsBetween(r.from, r.to) <= MAX_REPORT_MONTHS, {
    message: keyMessage('rangeTooLong', { max: MAX_REPORT_MONTHS }),
    path: ['from'],
  });

/** 季度评比: one quarter, written YYYY-Qn. */
export const ZQuarterRanking = z.object({
  quarter: z.string().regex(/^[1-9]\d{3}-Q[1-4]$/, keyMessage('quarterFormat')),
});

export const ZQualityWeights = z
  .object({
    rating: z.number().min(0).max(100),
    csat: z.number().min(0).max(100),
    firstResponse: z.number().min(0).max(100),
    resolution: z.number().min(0).max(100),
    reopen: z.number().min(0).max(100),
    cancellation: z.number().min(0).max(100),
    resolveTime: z.number().min(0).max(100),
  })
  .refine((w) => Object.values(w).some((v) => v > 0), { message: keyMessage('weightsAllZero') });

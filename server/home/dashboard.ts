import 'server-only';
import { today as localToday, type Scope } from '../db/scope';
import type { TenantMembership } from '../api/trpc';
import { can } from '../shared/permissions';
import { ZArrears, ZSummary } from '../collection/schemas';
import { ZListCommunities, ZListResidents, ZListUnits } from '../shared/schemas/property';
import { collectionSummary } from '../collection/summary';
import { listArrears } from '../collection/arrears';
import { dayFigures } from '../payments/day-close';
import { getPendingApprovals } from '../billing/pending-approvals';
import { listCommunities } from '../property/communities';
import { listUnits } from '../property/units';
import { listResidents } from '../property/residents';

/**
 * The staff dashboard (工作台) in one call and one transaction: the register's counts and the
 * fee figures the caller's role may read, each from the same service as its own page (this
 * period's collection summary, today's takings (the totals alone), arrears as of today, the approval queues).
 * One transaction instead of one per figure: eight procedure calls, each resolving the company,
 * the membership and its own transaction, were most of the page's time.
 */
export async function dashboardFigures(scope: Scope, membership: TenantMembership) {
  const today = localToday(scope);
  const may = (p: Parameters<typeof can>[1]) => can(membership, p);
  const fees = may('fees.read');
  const summary = fees && may('reports.read') ? await collectionSummary(scope, ZSummary.parse({ period: today.slice(0, 7) })) : null;
  const todayTotals = fees && may('payments.record') ? await dayFigures(scope, { day: today }) : null;
  const arrearsFen = fees && may('arrears.read') ? (await listArrears(scope, ZArrears.parse({ level: 'community', pageSize: 1 }))).totals.totalFen : null;
  const pending = fees && may('fees.manage') && may('payments.approve') ? await getPendingApprovals(scope) : null;
  const counts = {
    communities: (await listCommunities(scope, ZListCommunities.parse({ pageSize: 1 }))).total,
    units: (await listUnits(scope, ZListUnits.parse({ pageSize: 1 }), membership)).total,
    residents: (await listResidents(scope, ZListResidents.parse({ pageSize: 1 }), membership)).total,
  };
  return {
    counts,
    fees: fees
      ? {
          summary,
          today: todayTotals,
          arrearsFen,
          pendingRefunds: pending?.refunds ?? null,
          pendingAdjustments: pending?.adjustments ?? null,
        }
      : null,
  };
}

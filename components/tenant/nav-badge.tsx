'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import type { NavKey } from './nav-items';
import type { ShellCounts } from './load-company';
import { useTenant } from './tenant-context';

/** Nav items whose badge counts requests waiting for an approver. */
const APPROVAL_QUEUES: Partial<Record<NavKey, 'adjustments' | 'refunds'>> = { adjustments: 'adjustments', refunds: 'refunds' };

/**
 * The pending count beside an approval queue in the navigation (approvers only): the count the
 * page was rendered with (`initial`), then polled once a minute.
 */
export function NavBadge({ navKey, initial }: { navKey: NavKey; initial?: NonNullable<ShellCounts['pending']> }) {
  const t = useTranslations('shell');
  const company = useTenant();
  const trpc = useTRPC();
  const queue = APPROVAL_QUEUES[navKey];
  const approver = can(company, 'fees.manage');
  const q = useQuery({
    ...trpc.billing.getPendingApprovals.queryOptions({ tenant: company.slug }),
    enabled: approver && !!queue,
    initialData: initial,
    refetchInterval: 60_000,
    staleTime: 20_000,
  });
  const count = queue ? (q.data?.[queue] ?? 0) : 0;
  if (count === 0) return null;
  return (
    <span
      data-testid={`nav-pending-${navKey}`}
      className="ml-1.5 inline-block min-w-5 rounded-full bg-amber-100 px-1.5 text-center text-xs leading-5 font-semibold text-amber-900 tabular-nums"
    >
      <span aria-hidden>{count > 99 ? '99+' : count}</span>
      <span className="sr-only">{t('pending', { count })}</span>
    </span>
  );
}

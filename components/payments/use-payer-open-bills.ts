'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import type { OpenBill } from './payment-form';
import type { PayerRef } from './payer';
import { useServerError } from '@/components/forms/use-server-error';

/** The payer's bills with something left to pay, principal first, then oldest first (the allocation order). null while loading. */
export function usePayerOpenBills(payer: PayerRef): { rows: OpenBill[] | null; error: string | null } {
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery(trpc.billing.listBills.queryOptions({ tenant: slug, payer, pageSize: 200 }));
  if (q.error) return { rows: null, error: errorText(q.error) };
  if (!q.data) return { rows: null, error: null };
  const rows = q.data.rows
    .filter((b) => b.status !== 'VOID' && b.outstandingFen > 0)
    .sort(
      (a, b) =>
        Number(a.kind === 'LATE_FEE') - Number(b.kind === 'LATE_FEE') ||
        (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.period < b.period ? -1 : a.period > b.period ? 1 : 0),
    )
    .map((b) => ({
      id: b.id,
      name: `${b.feeItemName ?? (b.description || b.kind)}${b.objectKind === 'PARKING' && payer.kind === 'UNIT' ? ` · ${b.label}` : ''}`,
      period: b.period,
      dueDate: b.dueDate,
      outstandingFen: b.outstandingFen,
      daysOverdue: b.daysOverdue,
      lateFeeFen: b.lateFeeAccruedFen,
    }));
  return { rows, error: null };
}

'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { WorkOrderPriority } from '@/server/db/generated/enums';
import { ZWorkOrderPriority } from '@/server/shared/schemas/work-orders';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Select } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { useServerError } from '@/components/forms/use-server-error';
import { useRefreshOrders } from './use-refresh-orders';

const PRIORITIES = ZWorkOrderPriority.options;

/** A dispatcher sets an order's priority (its deadlines follow: urgent ×0.5, low ×2). */
export function PrioritySelect({ orderId, number, value }: { orderId: string; number: number; value: WorkOrderPriority }) {
  const t = useTranslations('workOrders.board');
  const tPriority = useTranslations('enums.workOrderPriority');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const set = useMutation(trpc.workOrders.setPriority.mutationOptions());
  const action = useServerError();
  return (
    <span className="inline-flex flex-col items-end">
      <Select
        aria-label={t('priorityOf', { number })}
        value={value}
        disabled={set.isPending}
        className={cn('h-7 w-auto py-0 pr-7 pl-2 text-xs', value === 'URGENT' && 'border-red-300 text-red-700')}
        onChange={(e) =>
          action.run(async () => {
            await set.mutateAsync({ tenant: slug, orderId, priority: e.target.value as WorkOrderPriority });
            await refresh();
          })
        }
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {tPriority(p)}
          </option>
        ))}
      </Select>
      {action.error && (
        <span className="mt-1 text-xs text-red-600" role="alert">
          {action.error}
        </span>
      )}
    </span>
  );
}

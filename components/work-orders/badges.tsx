'use client';
import { useTranslations } from 'next-intl';
import type { WorkOrderPriority, WorkOrderStatus } from '@/server/db/generated/enums';
import type { SlaFlag } from '@/server/shared/sla';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

const STATUS_TONE: Record<WorkOrderStatus, BadgeTone> = {
  SUBMITTED: 'blue',
  ASSIGNED: 'blue',
  ACCEPTED: 'blue',
  QUOTED: 'amber',
  IN_PROGRESS: 'blue',
  COMPLETED: 'green',
  CLOSED: 'gray',
  CANCELLED: 'gray',
};

export function StatusBadge({ status }: { status: WorkOrderStatus }) {
  const t = useTranslations('enums.workOrderStatus');
  return (
    <span data-testid="order-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: WorkOrderPriority }) {
  const t = useTranslations('enums.workOrderPriority');
  if (priority === 'NORMAL') return <Badge>{t(priority)}</Badge>;
  return <Badge tone={priority === 'URGENT' ? 'red' : 'gray'}>{t(priority)}</Badge>;
}

const FLAG_TONE: Record<SlaFlag, BadgeTone> = { overdue: 'red', breached: 'red', soon: 'amber', paused: 'gray', met: 'green', ok: 'gray' };
const FLAG_MARK: Partial<Record<SlaFlag, string>> = { overdue: '!', breached: '!' };

/** A clock's state as words (and a mark), never colour alone: 已超时 / 即将到期 / 已暂停 / 达标 … */
export function SlaBadge({ flag, clock }: { flag: SlaFlag | null; clock?: 'firstResponse' | 'resolution' }) {
  const t = useTranslations('enums.slaFlag');
  const tc = useTranslations('workOrders.sla');
  if (!flag) return null;
  const mark = FLAG_MARK[flag];
  return (
    <span data-testid="sla-flag" data-flag={flag}>
      <Badge tone={FLAG_TONE[flag]}>
        {mark && (
          <span aria-hidden className="mr-0.5 font-bold">
            {mark}
          </span>
        )}
        {clock ? `${tc(clock)}${tc('separator')}${t(flag)}` : t(flag)}
      </Badge>
    </span>
  );
}

/** The more pressing of an order's two clocks (overdue before soon). */
export function worstFlag(sla: { firstResponse: SlaFlag | null; resolution: SlaFlag | null }): {
  flag: SlaFlag | null;
  clock: 'firstResponse' | 'resolution';
} {
  const rank: SlaFlag[] = ['overdue', 'breached', 'soon', 'paused', 'ok', 'met'];
  const f = sla.firstResponse;
  const r = sla.resolution;
  const pos = (x: SlaFlag | null) => (x ? rank.indexOf(x) : 99);
  return pos(f) <= pos(r) && f && f !== 'met' ? { flag: f, clock: 'firstResponse' } : { flag: r, clock: 'resolution' };
}

/** Red (overdue) or amber (soon) edge on a row or card: beside the words, not instead of them. */
export const flagEdge = (flag: SlaFlag | null) =>
  cn(flag === 'overdue' || flag === 'breached' ? 'border-l-4 border-l-red-500' : flag === 'soon' ? 'border-l-4 border-l-amber-400' : '');

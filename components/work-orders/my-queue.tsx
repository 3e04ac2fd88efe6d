'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { allowedActions, type WorkOrderAction } from '@/server/shared/work-order-states';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { ListShell } from '@/components/list/list-shell';
import { cn } from '@/components/ui/cn';
import { PriorityBadge, SlaBadge, StatusBadge, flagEdge, worstFlag } from './badges';
import { StaffActions } from './staff-actions';

type Queue = RouterOutputs['workOrders']['listQueue'];
type Row = Queue['open'][number];

/** What the assignee may do from the row alone (the detail page asks the server). */
export function queueActions(r: Pick<Row, 'status' | 'priceModel' | 'quoteAcceptedAt'>): WorkOrderAction[] {
  return allowedActions(r.status, ['ASSIGNEE']).filter((a) => {
    // a quoted service: quote first, start once the resident accepted the price (an item's
    // indicative price is no quote)
    if (a === 'quote') return r.priceModel === 'QUOTED' && r.quoteAcceptedAt === null;
    if (a === 'start') return r.priceModel !== 'QUOTED' || r.quoteAcceptedAt !== null;
    return true;
  });
}

/** 我的工单: the staff member's open orders as big phone cards, then what they completed lately. */
export function MyQueue() {
  const t = useTranslations('workOrders.queue');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queue = useQuery(trpc.workOrders.listQueue.queryOptions({ tenant: slug }));
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <section aria-labelledby="queue-open">
        <h2 id="queue-open" className="mb-2 text-base font-semibold text-gray-900">
          {t('title')}
          {queue.data && <span className="ml-2 text-sm font-normal text-gray-500">{queue.data.open.length}</span>}
        </h2>
        <ListShell<Row>
          query={{ isPending: queue.isPending, error: queue.error, data: queue.data?.open }}
          caption={t('caption')}
          testId="my-queue"
          rowTestId="queue-card"
          empty={t('empty')}
          rowKey={(r) => r.id}
          listClassName="space-y-3"
          item={(r) => <QueueCard row={r} />}
        />
      </section>
      {!!queue.data?.recent.length && (
        <section aria-labelledby="queue-recent">
          <h2 id="queue-recent" className="mb-2 text-base font-semibold text-gray-900">
            {t('recent')}
          </h2>
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label={t('recent')}>
            {queue.data.recent.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                <Link href={`/${slug}/work-orders/${r.id}`} className="min-w-0 truncate text-gray-900 hover:underline">
                  #{r.number} {r.item?.name ?? r.category.name}
                </Link>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function QueueCard({ row: r }: { row: Row }) {
  const t = useTranslations('workOrders.queue');
  const ts = useTranslations('workOrders.sla');
  const tb = useTranslations('workOrders.board');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const worst = worstFlag(r.sla);
  const due = r.firstRespondedAt ? r.resolveDueAt : r.firstResponseDueAt;
  return (
    <article className={cn('rounded-xl border border-gray-200 bg-white p-4 shadow-sm', flagEdge(worst.flag))} aria-labelledby={`q-${r.id}`}>
      <div className="flex items-start justify-between gap-2">
        <h3 id={`q-${r.id}`} className="text-base font-semibold text-gray-900">
          <Link href={`/${slug}/work-orders/${r.id}`} className="hover:underline">
            #{r.number} {r.item?.name ?? r.category.name}
          </Link>
        </h3>
        <StatusBadge status={r.status} />
      </div>
      <p className="mt-1 text-sm text-gray-700">
        {r.community.name} · {r.unit?.label ?? tb('commonArea')}
      </p>
      <p className="mt-2 line-clamp-3 text-sm whitespace-pre-wrap text-gray-900">{r.text}</p>
      {r.preferredTime && <p className="mt-1 text-sm text-gray-600">{t('preferredTime', { time: r.preferredTime })}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-gray-600">
        {r.priority !== 'NORMAL' && <PriorityBadge priority={r.priority} />}
        <span>
          {r.firstRespondedAt ? ts('resolveDue') : ts('firstResponseDue')} <time dateTime={new Date(due).toISOString()}>{time.dateTime(due)}</time>
        </span>
        {worst.flag && worst.flag !== 'ok' && <SlaBadge flag={worst.flag} clock={worst.clock} />}
      </div>
      <div className="mt-3">
        <StaffActions order={{ id: r.id, number: r.number }} actions={queueActions(r)} canNote big />
      </div>
    </article>
  );
}

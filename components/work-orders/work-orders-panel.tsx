'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { DispatchBoard } from './dispatch-board';
import { MyQueue } from './my-queue';

export type WorkOrdersView = 'board' | 'queue';

/**
 * /work-orders: the dispatch board for those who read it (admins, dispatchers; executives
 * read-only), a staff member's own queue otherwise; admins and staff dispatchers switch between
 * the two, and 回访 is one more tab for those who make return visits.
 */
export function WorkOrdersPanel({ view }: { view: WorkOrdersView }) {
  const t = useTranslations('workOrders');
  const company = useTenant();
  const { slug } = company;
  const board = can(company, 'workorders.board');
  const queue = can(company, 'workorders.work');
  const followUp = can(company, 'workorders.followUp');
  const shown: WorkOrdersView = board && queue ? view : board ? 'board' : 'queue';
  const tabs = [
    ...(board ? [{ key: 'board', href: `/${slug}/work-orders`, label: t('tabs.board'), current: shown === 'board' }] : []),
    ...(queue && board ? [{ key: 'queue', href: `/${slug}/work-orders?view=queue`, label: t('tabs.queue'), current: shown === 'queue' }] : []),
    ...(followUp ? [{ key: 'returnVisits', href: `/${slug}/work-orders/return-visits`, label: t('tabs.returnVisits'), current: false }] : []),
  ];
  return (
    <div>
      <PageHeader
        title={shown === 'board' ? t('board.title') : t('queue.title')}
        description={shown === 'board' ? t('board.description') : t('queue.description')}
        actions={
          queue && (
            <ButtonLink href={`/${slug}/work-orders/new`} className="h-11 sm:h-10">
              {t('newOrderButton')}
            </ButtonLink>
          )
        }
      />
      {tabs.length > 1 && <ViewTabs tabs={tabs} label={t('tabs.label')} />}
      {shown === 'board' ? <DispatchBoard /> : <MyQueue />}
    </div>
  );
}

/** Links between the work-order pages, the current one marked. */
export function ViewTabs({ tabs, label }: { tabs: { key: string; href: string; label: string; current: boolean }[]; label: string }) {
  return (
    <nav aria-label={label} className="mb-4 border-b border-gray-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.current ? 'page' : undefined}
              className={cn(
                'block border-b-2 px-1 pb-2 text-sm font-medium whitespace-nowrap',
                tab.current ? 'border-brand-600 text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

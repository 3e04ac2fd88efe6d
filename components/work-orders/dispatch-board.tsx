'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { WorkOrderStatus } from '@/server/db/generated/enums';
import { can } from '@/server/shared/permissions';
import { OPEN_STATUSES, WORK_ORDER_STATUSES } from '@/server/shared/work-order-states';
import { ZWorkOrderPriority } from '@/server/shared/schemas/work-orders';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsString, parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useServerError } from '@/components/forms/use-server-error';
import { AssignDialog } from './assign-dialog';
import { PriorityBadge, SlaBadge, StatusBadge, flagEdge, worstFlag } from './badges';
import { PrioritySelect } from './priority-select';
import { useRefreshOrders } from './use-refresh-orders';

type Board = RouterOutputs['workOrders']['listBoard'];
type Row = Board['rows'][number];

const PRIORITIES = ZWorkOrderPriority.options;
const FILTERS = {
  status: parseAsStringLiteral(WORK_ORDER_STATUSES),
  communityId: parseAsString.withDefault(''),
  categoryId: parseAsString.withDefault(''),
  assigneeId: parseAsString.withDefault(''),
  priority: parseAsStringLiteral(PRIORITIES),
  sla: parseAsStringLiteral(['overdue', 'soon'] as const),
};

/**
 * 调度看板: the company's orders, the next deadline first, with counts per status as tabs,
 * filters and search in the URL. Dispatchers assign (by hand or automatically) and set the
 * priority; executives see the same board without those actions.
 */
export function DispatchBoard() {
  const t = useTranslations('workOrders.board');
  const tStatus = useTranslations('enums.workOrderStatus');
  const tPriority = useTranslations('enums.workOrderPriority');
  const company = useTenant();
  const { slug } = company;
  const dispatcher = can(company, 'workorders.dispatch');
  const trpc = useTRPC();
  const list = useListQuery(FILTERS);
  const { status, communityId, categoryId, assigneeId, priority, sla } = list.values;
  const { status: _status, ...input } = list.input;
  const board = useQuery({
    ...trpc.workOrders.listBoard.queryOptions({ tenant: slug, ...input, status: status ? [status] : undefined }),
    placeholderData: keepPreviousData,
  });
  const categories = useQuery({ ...trpc.services.listCategories.queryOptions({ tenant: slug }), staleTime: 60_000 });
  // staff dispatchers filter by assignee too: the board's own staff list, not the admins' member list
  const staff = useQuery({ ...trpc.workOrders.listStaff.queryOptions({ tenant: slug }), staleTime: 60_000 });
  const assignees = staff.data ?? [];
  const counts = board.data?.counts;
  const openCount = counts ? OPEN_STATUSES.reduce((n, s) => n + counts[s], 0) : null;

  const tabs: { value: WorkOrderStatus | null; label: string; count: number | null }[] = [
    { value: null, label: t('open'), count: openCount },
    ...WORK_ORDER_STATUSES.map((s) => ({ value: s, label: tStatus(s), count: counts?.[s] ?? null })),
  ];

  return (
    <div className="space-y-3">
      {!dispatcher && <Alert>{t('readOnly')}</Alert>}
      <div role="tablist" aria-label={t('statusTabs')} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1" data-testid="status-tabs">
        {tabs.map((tab) => {
          const selected = (status ?? null) === tab.value;
          return (
            <button
              key={tab.value ?? 'open'}
              type="button"
              role="tab"
              aria-selected={selected}
              onClick={() => list.setFilter('status', tab.value)}
              className={cn(
                'shrink-0 rounded-full border px-3 py-1.5 text-sm whitespace-nowrap',
                selected ? 'border-brand-600 bg-brand-600 text-white' : 'border-gray-300 bg-white text-gray-700 hover:bg-gray-50',
              )}
            >
              {tab.label}
              {tab.count !== null && <span className={cn('ml-1.5 tabular-nums', selected ? 'text-white/90' : 'text-gray-500')}>{tab.count}</span>}
            </button>
          );
        })}
      </div>
      <ListShell<Row>
        list={list}
        query={board}
        caption={t('caption')}
        testId="work-order-board"
        rowTestId="work-order-row"
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="md:grid-cols-3 lg:grid-cols-6"
        filters={
          <>
            <CommunityFilter label={t('community')} all={t('allCommunities')} value={communityId || null} onChange={(v) => list.setFilter('communityId', v)} />
            <ChoiceFilter
              label={t('category')}
              all={t('allCategories')}
              value={categoryId}
              onChange={(v) => list.setFilter('categoryId', v)}
              choices={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <ChoiceFilter
              label={t('assignee')}
              all={t('allAssignees')}
              value={assigneeId}
              onChange={(v) => list.setFilter('assigneeId', v)}
              choices={[{ value: 'none', label: t('unassigned') }, ...assignees.map((m) => ({ value: m.id, label: m.name }))]}
            />
            <ChoiceFilter
              label={t('priority')}
              all={t('allPriorities')}
              value={priority}
              onChange={(v) => list.setFilter('priority', v)}
              choices={PRIORITIES.map((p) => ({ value: p, label: tPriority(p) }))}
            />
            <ChoiceFilter
              label={t('sla')}
              all={t('allSla')}
              value={sla}
              onChange={(v) => list.setFilter('sla', v)}
              choices={[
                { value: 'overdue', label: t('slaOverdue') },
                { value: 'soon', label: t('slaSoon') },
              ]}
            />
          </>
        }
        empty={t('empty')}
        noMatches={t('noMatches')}
        rowKey={(r) => r.id}
        listClassName="space-y-2"
        item={(r) => <BoardCard row={r} dispatcher={dispatcher} />}
      />
    </div>
  );
}

function BoardCard({ row: r, dispatcher }: { row: Row; dispatcher: boolean }) {
  const t = useTranslations('workOrders.board');
  const ts = useTranslations('workOrders.sla');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const worst = worstFlag(r.sla);
  const responding = !r.firstRespondedAt;
  const due = responding ? r.firstResponseDueAt : r.resolveDueAt;
  const [assigning, setAssigning] = useState(false);
  const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
  const canAssign = dispatcher && ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'].includes(r.status);
  return (
    <article
      className={cn('rounded-lg border border-gray-200 bg-white p-3 shadow-sm', open && flagEdge(worst.flag))}
      aria-labelledby={`order-${r.id}`}
      data-flag={worst.flag ?? undefined}
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2 md:flex-nowrap">
        <div className="min-w-0 flex-1">
          <h3 id={`order-${r.id}`} className="text-sm font-semibold text-gray-900">
            <Link href={`/${slug}/work-orders/${r.id}`} className="hover:underline">
              #{r.number} {r.categoryName}
              {r.itemName && ` · ${r.itemName}`}
            </Link>
          </h3>
          <p className="mt-0.5 line-clamp-2 text-sm text-gray-700">{r.excerpt}</p>
          <p className="mt-1 text-xs text-gray-500">
            {r.communityName} · {r.unitLabel ?? t('commonArea')}
            {r.escalated && <span className="ml-2 font-medium text-amber-800">{t('escalated')}</span>}
          </p>
        </div>
        <div className="flex w-full flex-wrap items-center gap-2 md:w-auto md:flex-col md:items-end">
          <div className="flex flex-wrap items-center gap-1.5">
            <StatusBadge status={r.status} />
            {dispatcher && open ? <PrioritySelect orderId={r.id} number={r.number} value={r.priority} /> : <PriorityBadge priority={r.priority} />}
          </div>
          {open && (
            <p className="text-xs text-gray-600">
              {responding ? ts('firstResponseDue') : ts('resolveDue')} <time dateTime={new Date(due).toISOString()}>{time.dateTime(due)}</time>
            </p>
          )}
          {open && worst.flag && worst.flag !== 'ok' && <SlaBadge flag={worst.flag} clock={worst.clock} />}
        </div>
        <div className="flex w-full items-center justify-between gap-2 md:w-48 md:flex-col md:items-end">
          <p className="text-sm text-gray-800">{r.assignee ? r.assignee.name : <span className="text-gray-500">{t('unassigned')}</span>}</p>
          {canAssign && (
            <div className="flex gap-1.5">
              {!r.assignee && <AutoAssignButton orderId={r.id} />}
              <Button
                size="sm"
                variant={r.assignee ? 'secondary' : 'primary'}
                onClick={() => setAssigning(true)}
                aria-label={`${r.assignee ? t('reassign') : t('assign')} #${r.number}`}
              >
                {r.assignee ? t('reassign') : t('assign')}
              </Button>
            </div>
          )}
        </div>
      </div>
      {assigning && <AssignDialog order={{ id: r.id, number: r.number }} currentId={r.assignee?.id} open onClose={() => setAssigning(false)} />}
    </article>
  );
}

function AutoAssignButton({ orderId }: { orderId: string }) {
  const t = useTranslations('workOrders.board');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const auto = useMutation(trpc.workOrders.autoAssign.mutationOptions());
  const action = useServerError();
  return (
    <span className="inline-flex flex-col items-end">
      <Button
        size="sm"
        variant="secondary"
        pending={auto.isPending}
        onClick={() =>
          action.run(async () => {
            await auto.mutateAsync({ tenant: slug, orderId });
            await refresh();
          })
        }
      >
        {t('autoAssign')}
      </Button>
      {action.error && (
        <span className="mt-1 max-w-48 text-right text-xs text-red-600" role="alert">
          {action.error}
        </span>
      )}
    </span>
  );
}

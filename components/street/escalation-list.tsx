'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter } from '@/components/list/list-filters';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { PageHeader } from '@/components/ui/card';
import { ZEscalationSort, ZEscalationStatusFilter } from '@/server/shared/schemas/street';
import { EscalationStatusBadge } from './escalation-status';
import { useStreetFormat } from './format';

const FILTERS = {
  status: parseAsStringLiteral(ZEscalationStatusFilter.options).withDefault('open'),
  sort: parseAsStringLiteral(ZEscalationSort.options).withDefault('oldest'),
};

/** /street/<office>: the office's escalations, open (oldest waiting first) or handled, with their age. */
export function EscalationList({ office, officeName }: { office: string; officeName: string }) {
  const t = useTranslations('street.list');
  const trpc = useTRPC();
  const { time, age } = useStreetFormat();
  const list = useListQuery(FILTERS, { pageSize: 25 });
  const { status, sort } = list.values;
  const query = useQuery({
    ...trpc.street.listEscalations.queryOptions({ office, status, sort, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const counts = query.data?.counts;
  return (
    <div>
      <PageHeader
        title={t('title')}
        description={t('description', { office: officeName })}
        actions={
          counts && (
            <span className="text-sm text-gray-600" data-testid="escalation-counts">
              {t('counts', counts)}
            </span>
          )
        }
      />
      <ListShell
        list={{ ...list, filtered: !!counts && counts.open + counts.handled > 0 }}
        query={query}
        caption={t('caption')}
        testId="escalation-list"
        rowTestId="escalation-row"
        filters={
          <>
            <ChoiceFilter
              label={t('status')}
              all={t('statusAll')}
              value={status === 'all' ? '' : status}
              choices={(['open', 'handled'] as const).map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
              onChange={(v) => list.setFilter('status', v ?? 'all')}
            />
            <ChoiceFilter
              label={t('sort')}
              all={t('sorts.oldest')}
              value={sort === 'oldest' ? '' : sort}
              choices={[{ value: 'newest' as const, label: t('sorts.newest') }]}
              onChange={(v) => list.setFilter('sort', v ?? 'oldest')}
            />
          </>
        }
        rowKey={(r) => r.id}
        item={(r) => (
          <Link href={`/street/${office}/${r.id}`} className="block px-4 py-3 hover:bg-gray-50">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium text-gray-900">
                  #{r.orderNumber} · {r.categoryName} · <span className="text-gray-700">{r.companyName}</span>
                </p>
                <p className="mt-0.5 line-clamp-2 text-sm text-gray-700">{r.text}</p>
                <p className="mt-1 text-xs text-gray-500">
                  {r.communityName}
                  {r.address ? ` · ${r.address}` : ''}
                </p>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1 text-right">
                <EscalationStatusBadge status={r.status} />
                <span className="text-xs text-gray-600 tabular-nums" title={time(r.escalatedAt)}>
                  {t('columns.age')} {age(r.escalatedAt, r.handledAt)}
                </span>
                <span className="text-xs text-gray-500">{t('replies', { count: r.replies })}</span>
              </div>
            </div>
          </Link>
        )}
        empty={t('empty')}
        noMatches={t('noMatches')}
      />
    </div>
  );
}

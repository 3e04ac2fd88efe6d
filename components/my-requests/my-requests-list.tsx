'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { ListShell } from '@/components/list/list-shell';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { StatusBadge } from '@/components/work-orders/badges';
import { Stars } from '@/components/work-orders/star-rating';

type Row = RouterOutputs['myRequests']['listMine']['rows'][number];
const SHOWS = ['open', 'done'] as const;
const FILTERS = { status: parseAsStringLiteral(SHOWS) };

/** 报修与服务: the resident's requests, newest first; what waits for them (a quote, a confirmation) marked. */
export function MyRequestsList() {
  const t = useTranslations('myRequests');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { pageSize: 20 });
  const status = list.values.status;
  const query = useQuery({
    ...trpc.myRequests.listMine.queryOptions({ tenant: slug, status: status ?? 'all', page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const tabs = [
    { value: null, label: t('filter.all') },
    { value: 'open' as const, label: t('filter.open') },
    { value: 'done' as const, label: t('filter.done') },
  ];
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <ButtonLink href={`/${slug}/my-requests/new`} className="h-11 sm:h-10">
            {t('new')}
          </ButtonLink>
        }
      />
      <div role="tablist" aria-label={t('filter.label')} className="mb-3 flex gap-1">
        {tabs.map((tab) => {
          const selected = (status ?? null) === tab.value;
          return (
            <button
              key={tab.value ?? 'all'}
              type="button"
              role="tab"
              aria-selected={selected}
              onClick={() => list.setFilter('status', tab.value)}
              className={cn(
                'rounded-full border px-3 py-1.5 text-sm',
                selected ? 'border-brand-600 bg-brand-600 text-white' : 'border-gray-300 bg-white text-gray-700 hover:bg-gray-50',
              )}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <ListShell<Row>
        list={list}
        query={query}
        compactPages
        caption={t('caption')}
        testId="my-requests"
        rowTestId="my-request"
        empty={t('empty')}
        noMatches={t('noMatches')}
        rowKey={(r) => r.id}
        listClassName="space-y-3"
        item={(r) => <RequestCard row={r} />}
      />
    </div>
  );
}

function RequestCard({ row: r }: { row: Row }) {
  const t = useTranslations('myRequests');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const waiting = r.status === 'QUOTED' || r.status === 'COMPLETED';
  return (
    <Link
      href={`/${slug}/my-requests/${r.id}`}
      className={cn('block rounded-xl border bg-white p-4 shadow-sm hover:border-brand-500', waiting ? 'border-amber-300' : 'border-gray-200')}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="text-base font-semibold text-gray-900">{r.item?.name ?? r.category.name}</p>
        <StatusBadge status={r.status} />
      </div>
      <p className="mt-1 line-clamp-2 text-sm text-gray-700">{r.text}</p>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-gray-500">
        <span>{t('orderNo', { number: r.number })}</span>
        <span>{time.dateTime(r.createdAt)}</span>
        {r.unit && <span>{r.unit.label}</span>}
        {waiting && <Badge tone="amber">{t('needsYou')}</Badge>}
        {r.rating !== null && <Stars rating={r.rating} />}
      </p>
    </Link>
  );
}

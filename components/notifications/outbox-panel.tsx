'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter } from '@/components/list/list-filters';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';

const STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
const FILTERS = { status: parseAsStringLiteral(STATUSES) };

/** 发件箱: the messages the outbox holds — in the demo, what would have been sent. */
export function OutboxPanel() {
  const t = useTranslations('collection.outbox');
  const tStatus = useTranslations('enums.outboxStatus');
  const tChannel = useTranslations('enums.outboxChannel');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { pageSize: 20 });
  const query = useQuery({
    ...trpc.notifications.listOutbox.queryOptions({ tenant: slug, status: list.input.status, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        filterGrid="max-w-xs grid-cols-1 md:grid-cols-1"
        filters={
          <ChoiceFilter
            label={t('status')}
            all={t('all')}
            value={list.values.status}
            onChange={(v) => list.setFilter('status', v)}
            choices={STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
          />
        }
        listClassName="space-y-2 [&>li]:rounded-lg [&>li]:border [&>li]:border-gray-200 [&>li]:bg-white [&>li]:shadow-sm"
        rowKey={(m) => m.id}
        rowTestId="outbox-message"
        empty={
          <>
            <span className="block font-medium text-gray-900">{t('empty')}</span>
            {t('emptyBody')}
          </>
        }
        item={(m) => (
          <details>
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
              <Badge tone={m.status === 'SENT' ? 'green' : m.status === 'FAILED' ? 'red' : 'amber'}>{tStatus(m.status)}</Badge>
              <span className="text-xs text-gray-500">{tChannel(m.channel)}</span>
              <span className="min-w-0 flex-1 truncate font-medium text-gray-900">{m.subject}</span>
              <span className="text-sm text-gray-600">{m.recipient}</span>
              <span className="text-xs whitespace-nowrap text-gray-500">{time.dateTime(m.createdAt)}</span>
            </summary>
            <div className="border-t border-gray-100 px-4 py-3 text-sm">
              <pre className="font-sans whitespace-pre-wrap text-gray-800">{m.body}</pre>
              <p className="mt-2 text-xs text-gray-500">
                {t('attempts', { count: m.attempts })}
                {m.sentAt && ` · ${t('sentAt', { at: time.dateTime(m.sentAt) })}`}
                {m.lastError && ` · ${m.lastError}`}
              </p>
            </div>
          </details>
        )}
      />
    </div>
  );
}

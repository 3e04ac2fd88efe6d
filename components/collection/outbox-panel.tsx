'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { Badge } from '@/components/ui/badge';
import { Pagination } from '@/components/ui/pagination';
import { Alert } from '@/components/ui/alert';
import { EmptyState, Loading } from '@/components/ui/empty-state';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';

const PAGE_SIZE = 20;
type Status = 'PENDING' | 'SENT' | 'FAILED';

/** 发件箱: the messages the outbox holds — in the demo, what would have been sent. */
export function OutboxPanel() {
  const t = useTranslations('collection.outbox');
  const tStatus = useTranslations('enums.outboxStatus');
  const tChannel = useTranslations('enums.outboxChannel');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const errorText = useFeeErrorText();
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.collection.outbox.queryOptions({ tenant: slug, status: status || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-3 max-w-xs">
        <SelectField
          label={t('status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | '');
            setPage(1);
          }}
        >
          <option value="">{t('all')}</option>
          {(['PENDING', 'SENT', 'FAILED'] as const).map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error && <Alert tone="error">{errorText(list.error)}</Alert>}
      {list.isPending && <Loading label={t('loading')} />}
      {list.data?.rows.length === 0 && <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState>}
      <ul className="space-y-2">
        {list.data?.rows.map((m) => (
          <li key={m.id} className="rounded-lg border border-gray-200 bg-white shadow-sm" data-testid="outbox-message">
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
          </li>
        ))}
      </ul>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}

'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { EmptyState, Loading } from '@/components/ui/empty-state';
import { Alert } from '@/components/ui/alert';
import { useServerError } from '@/components/forms/use-server-error';

const PAGE_SIZE = 20;

/** The signed-in user's notifications (new bills, reminders…), newest first; mark them read. */
export function NotificationsPanel() {
  const t = useTranslations('notifications');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    ...trpc.collection.myNotifications.queryOptions({ tenant: slug, unreadOnly, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const mark = useMutation(trpc.collection.markRead.mutationOptions());
  const unreadIds = (list.data?.rows ?? []).filter((n) => !n.readAt).map((n) => n.id);

  async function markRead(ids: string[]) {
    if (!ids.length) return;
    setError(null);
    try {
      await mark.mutateAsync({ tenant: slug, ids });
      await queryClient.invalidateQueries({ queryKey: trpc.collection.myNotifications.pathKey() });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={t('title')}
        description={list.data ? t('unreadCount', { count: list.data.unread }) : undefined}
        actions={
          <Button variant="secondary" onClick={() => markRead(unreadIds)} disabled={unreadIds.length === 0} pending={mark.isPending}>
            {t('markAllRead')}
          </Button>
        }
      />
      <Checkbox
        label={t('unreadOnly')}
        checked={unreadOnly}
        onChange={(e) => {
          setUnreadOnly(e.target.checked);
          setPage(1);
        }}
        className="mb-3"
      />
      {error && (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      )}
      {list.isPending && <Loading label={t('loading')} />}
      {list.data?.rows.length === 0 && <EmptyState title={unreadOnly ? t('noUnread') : t('empty')} />}
      <ul className="space-y-2">
        {list.data?.rows.map((n) => (
          <li
            key={n.id}
            data-testid="notification"
            className={`rounded-lg border p-3 shadow-sm sm:p-4 ${n.readAt ? 'border-gray-200 bg-white' : 'border-brand-100 bg-brand-50'}`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium text-gray-900">
                  {!n.readAt && <span className="mr-1.5 inline-block size-2 rounded-full bg-red-600 align-middle" aria-label={t('unread')} />}
                  {n.title}
                </p>
                <p className="mt-1 text-sm whitespace-pre-line text-gray-700">{n.body}</p>
                <p className="mt-1 text-xs text-gray-500">{time.dateTime(n.createdAt)}</p>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1">
                {n.link && (
                  <Link href={normalizeLink(n.link, slug)} className="text-sm text-brand-700 hover:underline" onClick={() => !n.readAt && markRead([n.id])}>
                    {t('open')}
                  </Link>
                )}
                {!n.readAt && (
                  <Button size="sm" variant="ghost" onClick={() => markRead([n.id])}>
                    {t('markRead')}
                  </Button>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
      {list.data && list.data.total > PAGE_SIZE && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}

/** Only links inside this company are followed. */
function normalizeLink(link: string, slug: string) {
  return link.startsWith(`/${slug}/`) || link === `/${slug}` ? link : `/${slug}`;
}

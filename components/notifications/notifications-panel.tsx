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
import { ListShell } from '@/components/list/list-shell';
import { parseAsBoolean, useListQuery } from '@/components/list/use-list-query';
import { Alert } from '@/components/ui/alert';
import { useServerError } from '@/components/forms/use-server-error';

const FILTERS = { unreadOnly: parseAsBoolean.withDefault(false) };

/** The signed-in user's notifications (new bills, reminders…), newest first; mark them read. */
export function NotificationsPanel() {
  const t = useTranslations('notifications');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const list = useListQuery(FILTERS, { pageSize: 20 });
  const { unreadOnly } = list.values;
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    ...trpc.notifications.listMine.queryOptions({ tenant: slug, unreadOnly, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const mark = useMutation(trpc.notifications.markRead.mutationOptions());
  const unreadIds = (query.data?.rows ?? []).filter((n) => !n.readAt).map((n) => n.id);

  async function markRead(ids: string[]) {
    if (!ids.length) return;
    setError(null);
    try {
      await mark.mutateAsync({ tenant: slug, ids });
      await queryClient.invalidateQueries({ queryKey: trpc.notifications.listMine.pathKey() });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={t('title')}
        description={query.data ? t('unreadCount', { count: query.data.unread }) : undefined}
        actions={
          <Button variant="secondary" onClick={() => markRead(unreadIds)} disabled={unreadIds.length === 0} pending={mark.isPending}>
            {t('markAllRead')}
          </Button>
        }
      />
      <ListShell
        list={list}
        query={query}
        compactPages
        caption={t('title')}
        filterGrid="grid-cols-1 md:grid-cols-1"
        filters={<Checkbox label={t('unreadOnly')} checked={unreadOnly} onChange={(e) => list.setFilter('unreadOnly', e.target.checked)} />}
        notice={
          error && (
            <Alert tone="error" className="mb-3">
              {error}
            </Alert>
          )
        }
        listClassName="space-y-2"
        rowKey={(n) => n.id}
        rowTestId="notification"
        empty={t('empty')}
        noMatches={t('noUnread')}
        item={(n) => (
          <div className={`rounded-lg border p-3 shadow-sm sm:p-4 ${n.readAt ? 'border-gray-200 bg-white' : 'border-brand-100 bg-brand-50'}`}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium text-gray-900">
                  {!n.readAt && <span role="img" className="mr-1.5 inline-block size-2 rounded-full bg-red-600 align-middle" aria-label={t('unread')} />}
                  {n.title}
                </p>
                <p className="mt-1 text-sm whitespace-pre-line text-gray-700">{n.body}</p>
                <p className="mt-1 text-xs text-gray-600">{time.dateTime(n.createdAt)}</p>
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
          </div>
        )}
      />
    </div>
  );
}

/** Only links inside this company are followed. */
function normalizeLink(link: string, slug: string) {
  return link.startsWith(`/${slug}/`) || link === `/${slug}` ? link : `/${slug}`;
}

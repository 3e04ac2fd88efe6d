'use client';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { PageHeader } from '@/components/ui/card';
import { Td, Th } from '@/components/ui/table';
import { ActionsTh, ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, useListQuery } from '@/components/list/use-list-query';
import { useServerError } from '@/components/forms/use-server-error';
import { PublishForm } from './publish-form';

const FILTERS = { communityId: parseAsString, includeArchived: parseAsBoolean.withDefault(false) };

/** The company's notices (公告): publish, see where and until when they are pinned, archive. */
export function AnnouncementsPanel() {
  const t = useTranslations('announcements');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const list = useListQuery(FILTERS);
  const { communityId, includeArchived } = list.values;
  const query = useQuery({ ...trpc.announcements.list.queryOptions({ tenant: slug, ...list.input }), placeholderData: keepPreviousData });
  const archive = useMutation(trpc.announcements.archive.mutationOptions());
  const action = useServerError();
  const toggle = (id: string, archived: boolean) =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.announcements.list.queryKey() });
    });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={<Button onClick={() => setPublishing(true)}>{t('publish')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="md:grid-cols-[16rem_auto]"
        actionError={action.error}
        filters={
          <>
            <CommunityFilter
              label={t('filters.community')}
              all={t('filters.allCommunities')}
              value={communityId}
              onChange={(id) => list.setFilter('communityId', id)}
            />
            <ArchivedFilter checked={includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        head={
          <>
            <Th>{t('columns.title')}</Th>
            <Th>{t('columns.communities')}</Th>
            <Th>{t('columns.published')}</Th>
            <ActionsTh />
          </>
        }
        rowKey={(a) => a.id}
        rowTestId="announcement-row"
        rowState={archivedRow}
        empty={t('empty')}
        cells={(a) => (
          <>
            <Td className="max-w-md">
              <div className="flex flex-wrap items-center gap-1.5">
                {a.pinned && <Badge tone="amber">{t('pinnedThrough', { date: a.pinnedThrough ?? '' })}</Badge>}
                <span className="font-medium break-words">{a.title}</span>
                {a.imageUrl && <Badge>{t('withImage')}</Badge>}
                <ArchivedBadge archived={a.archived} />
              </div>
              <p className="mt-0.5 line-clamp-2 text-xs text-gray-500">{a.body}</p>
            </Td>
            <Td className="text-sm">{a.communities.map((c) => c.name).join('、')}</Td>
            <Td className="text-sm whitespace-nowrap text-gray-600">
              {time.dateTime(a.publishedAt)}
              <span className="block text-xs">{a.publishedBy}</span>
            </Td>
            <Td className="text-right">
              <ArchiveToggle archived={a.archived} onToggle={() => toggle(a.id, !a.archived)} />
            </Td>
          </>
        )}
      />
      <Dialog open={publishing} onClose={() => setPublishing(false)} title={t('form.heading')}>
        {publishing && <PublishForm onClose={() => setPublishing(false)} />}
      </Dialog>
    </div>
  );
}

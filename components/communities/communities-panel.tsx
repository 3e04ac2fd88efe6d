'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { Td, Th } from '@/components/ui/table';
import { Dialog } from '@/components/ui/dialog';
import { PageHeader } from '@/components/ui/card';
import { archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter } from '@/components/list/list-filters';
import { parseAsBoolean, useListQuery } from '@/components/list/use-list-query';
import { CommunityForm } from './community-form';
import { useServerError } from '@/components/forms/use-server-error';

type Row = RouterOutputs['property']['listCommunities']['rows'][number];
const FILTERS = { includeArchived: parseAsBoolean.withDefault(false) };

export function CommunitiesPanel() {
  const t = useTranslations('communities');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS, { pageSize: 20 });
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const query = useQuery({ ...trpc.property.listCommunities.queryOptions({ tenant: slug, ...list.input }), placeholderData: keepPreviousData });
  const archive = useMutation(trpc.property.archiveCommunity.mutationOptions());
  const action = useServerError();

  const setArchived = (row: Row, archived: boolean) =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: row.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={writer && <Button onClick={() => setEditing('new')}>{t('new')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="sm:grid-cols-[18rem_auto]"
        filters={<ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />}
        actionError={action.error}
        head={
          <>
            <Th>{t('columns.name')}</Th>
            <Th>{t('columns.district')}</Th>
            <Th>{t('columns.address')}</Th>
            <Th className="text-right">{t('columns.buildings')}</Th>
            <Th className="text-right">{t('columns.units')}</Th>
            {writer && <Th className="text-right">{tc('actions')}</Th>}
          </>
        }
        rowKey={(c) => c.id}
        rowState={archivedRow}
        empty={t('empty')}
        cells={(c) => (
          <>
            <Td className="font-medium">
              <Link href={`/${slug}/communities/${c.id}`} className="text-brand-700 hover:underline">
                {c.name}
              </Link>
              <ArchivedBadge archived={c.archived} />
            </Td>
            <Td>{c.district || '—'}</Td>
            <Td className="max-w-xs truncate" title={c.address}>
              {c.address || '—'}
            </Td>
            <Td className="text-right tabular-nums">{c.buildings}</Td>
            <Td className="text-right tabular-nums">
              <Link href={`/${slug}/units?communityId=${c.id}`} className="hover:underline">
                {c.units}
              </Link>
            </Td>
            {writer && (
              <Td className="text-right whitespace-nowrap">
                <Button variant="ghost" size="sm" onClick={() => setEditing(c)}>
                  {tc('edit')}
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setArchived(c, !c.archived)}
                  aria-label={`${c.archived ? tc('restore') : tc('archive')} ${c.name}`}
                >
                  {c.archived ? tc('restore') : tc('archive')}
                </Button>
              </Td>
            )}
          </>
        )}
      />
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('new') : t('edit')}>
        {editing !== null && (
          <CommunityForm
            key={editing === 'new' ? 'new' : editing.id}
            community={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </div>
  );
}

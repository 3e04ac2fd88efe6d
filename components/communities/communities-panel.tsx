'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/input';
import { TextField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { Pagination } from '@/components/ui/pagination';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/card';
import { useDebounced } from '@/components/ui/use-debounced';
import { useActionError } from '@/components/forms/use-action-error';
import { useServerErrorText } from '@/components/forms/use-error-text';
import { CommunityForm } from './community-form';

type Row = RouterOutputs['property']['communities']['rows'][number];
const PAGE_SIZE = 20;

export function CommunitiesPanel() {
  const t = useTranslations('communities');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const search = useDebounced(q.trim());
  const list = useQuery({
    ...trpc.property.communities.queryOptions({ tenant: slug, q: search || undefined, includeArchived, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation(trpc.property.archiveCommunity.mutationOptions());
  const action = useActionError();
  const errorText = useServerErrorText();

  const setArchived = (row: Row, archived: boolean) =>
    action.run(async () => {
      await archive.mutateAsync({ tenant: slug, id: row.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
    });

  return (
    <div>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={writer && <Button onClick={() => setEditing('new')}>{t('new')}</Button>}
      />
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <TextField
          label={tc('search')}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          fieldClassName="w-full sm:w-72"
        />
        <Checkbox
          label={tc('showArchived')}
          checked={includeArchived}
          onChange={(e) => {
            setIncludeArchived(e.target.checked);
            setPage(1);
          }}
          className="pb-2.5"
        />
      </div>
      {action.error && (
        <Alert tone="error" className="mb-3">
          {action.error}
        </Alert>
      )}
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.district')}</Th>
          <Th>{t('columns.address')}</Th>
          <Th className="text-right">{t('columns.buildings')}</Th>
          <Th className="text-right">{t('columns.units')}</Th>
          {writer && <Th className="text-right">{tc('actions')}</Th>}
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={6}>{tc('loading')}</TableMessage>}
          {list.data?.rows.length === 0 && <TableMessage colSpan={6}>{search ? tc('noMatches') : t('empty')}</TableMessage>}
          {list.data?.rows.map((c) => (
            <Tr key={c.id} className={c.archived ? 'text-gray-500' : ''}>
              <Td className="font-medium">
                <Link href={`/${slug}/communities/${c.id}`} className="text-brand-700 hover:underline">
                  {c.name}
                </Link>
                {c.archived && (
                  <span className="ml-2">
                    <Badge>{tc('archived')}</Badge>
                  </span>
                )}
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
                  <Button variant="ghost" size="sm" onClick={() => setArchived(c, !c.archived)} aria-label={`${c.archived ? tc('restore') : tc('archive')} ${c.name}`}>
                    {c.archived ? tc('restore') : tc('archive')}
                  </Button>
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
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

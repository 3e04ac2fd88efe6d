'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZResidentKind } from '@/server/shared/schemas/property';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Td, Th } from '@/components/ui/table';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/card';
import { archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedFilter, ChoiceFilter, CommunityFilter } from '@/components/list/list-filters';
import { ResidentCells, useSeesContacts } from './resident-cells';
import { parseAsBoolean, parseAsString, parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';

const FILTERS = {
  communityId: parseAsString,
  kind: parseAsStringLiteral(ZResidentKind.options),
  includeArchived: parseAsBoolean.withDefault(false),
};

/** Everyone in the register: search by name, phone or e-mail (staff: by name, no contacts shown); filter by community and kind. */
export function ResidentsPanel() {
  const t = useTranslations('residents');
  const tKind = useTranslations('enums.residentKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS);
  const contacts = useSeesContacts();
  const { communityId, kind, includeArchived } = list.values;
  const query = useQuery({ ...trpc.property.listResidents.queryOptions({ tenant: slug, ...list.input }), placeholderData: keepPreviousData });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={contacts ? t('searchPlaceholder') : t('searchPlaceholderName')}
        filterGrid="md:grid-cols-[16rem_12rem_10rem_auto]"
        filters={
          <>
            <CommunityFilter
              label={t('filters.community')}
              all={t('filters.allCommunities')}
              value={communityId}
              onChange={(id) => list.setFilter('communityId', id)}
            />
            <ChoiceFilter
              label={t('filters.kind')}
              all={t('filters.allKinds')}
              value={kind}
              onChange={(v) => list.setFilter('kind', v)}
              choices={ZResidentKind.options.map((k) => ({ value: k, label: tKind(k) }))}
            />
            <ArchivedFilter checked={includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        head={
          <>
            <Th>{t('columns.name')}</Th>
            <Th>{t('columns.kind')}</Th>
            {contacts && <Th>{t('columns.phone')}</Th>}
            {contacts && <Th>{t('columns.email')}</Th>}
            <Th>{t('columns.unit')}</Th>
            <Th>{t('columns.signIn')}</Th>
          </>
        }
        rowKey={(r) => r.id}
        rowTestId="resident-row"
        rowState={archivedRow}
        empty={t('empty')}
        cells={(r) => (
          <>
            <ResidentCells r={r} />
            <Td className="whitespace-nowrap">
              <Link href={`/${slug}/units/${r.unitId}`} className="text-brand-700 hover:underline">
                {r.unit}
              </Link>
            </Td>
            <Td>{r.hasSignIn ? <Badge tone="green">{t('signIn.active')}</Badge> : <Badge>{t('signIn.none')}</Badge>}</Td>
          </>
        )}
      />
    </div>
  );
}

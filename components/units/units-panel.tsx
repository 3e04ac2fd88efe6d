'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { ZUnitStatus } from '@/server/shared/schemas/property';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { seesResidentContacts } from '@/server/shared/resident-contacts';
import { Button } from '@/components/ui/button';
import { Td, Th } from '@/components/ui/table';
import { Dialog } from '@/components/ui/dialog';
import { PageHeader } from '@/components/ui/card';
import { archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, ChoiceFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { UnitStatusBadge } from './unit-status-badge';
import { UnitCreateForm } from './unit-form';
import { useBuildingOptions } from './use-register-options';

/** The units list's URL (a community page links here with ?communityId=…). */
const FILTERS = {
  communityId: parseAsString,
  buildingId: parseAsString,
  status: parseAsStringLiteral(ZUnitStatus.options),
  includeArchived: parseAsBoolean.withDefault(false),
};

export function UnitsPanel() {
  const t = useTranslations('units');
  const tc = useTranslations('common');
  const tStatus = useTranslations('enums.unitStatus');
  const tKind = useTranslations('enums.residentKind');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const router = useRouter();
  const list = useListQuery(FILTERS);
  const { communityId, buildingId, status, includeArchived } = list.values;
  const [creating, setCreating] = useState(false);
  const buildings = useBuildingOptions(communityId || undefined);
  const query = useQuery({ ...trpc.property.listUnits.queryOptions({ tenant: slug, ...list.input }), placeholderData: keepPreviousData });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={writer && <Button onClick={() => setCreating(true)}>{t('new')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={seesResidentContacts(role) ? t('searchPlaceholder') : t('searchPlaceholderNoPhone')}
        filterGrid="md:grid-cols-3 lg:grid-cols-[16rem_repeat(3,minmax(0,11rem))_auto]"
        filters={
          <>
            <CommunityFilter
              label={t('filters.community')}
              all={t('filters.allCommunities')}
              value={communityId}
              onChange={(id) => list.setFilters({ communityId: id, buildingId: null })}
            />
            <ChoiceFilter
              label={t('filters.building')}
              all={t('filters.allBuildings')}
              value={buildingId}
              disabled={!communityId}
              onChange={(id) => list.setFilter('buildingId', id)}
              choices={buildings.options.map((b) => ({ value: b.id, label: b.name }))}
            />
            <ChoiceFilter
              label={t('filters.status')}
              all={t('filters.allStatuses')}
              value={status}
              onChange={(v) => list.setFilter('status', v)}
              choices={ZUnitStatus.options.map((s) => ({ value: s, label: tStatus(s) }))}
            />
            <ArchivedFilter checked={includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        head={
          <>
            <Th>{t('columns.community')}</Th>
            <Th>{t('columns.building')}</Th>
            <Th>{t('columns.unit')}</Th>
            <Th className="text-right">{t('columns.floor')}</Th>
            <Th className="text-right">{t('columns.area')}</Th>
            <Th>{t('columns.status')}</Th>
            <Th>{t('columns.residents')}</Th>
          </>
        }
        rowKey={(u) => u.id}
        rowTestId="unit-row"
        rowState={archivedRow}
        empty={t('empty')}
        cells={(u) => (
          <>
            <Td className="whitespace-nowrap">{u.community}</Td>
            <Td className="whitespace-nowrap">{u.building}</Td>
            <Td className="font-medium whitespace-nowrap">
              <Link href={`/${slug}/units/${u.id}`} className="text-brand-700 hover:underline">
                {u.label}
              </Link>
              <ArchivedBadge archived={u.archived} />
            </Td>
            <Td className="text-right tabular-nums">{u.floor}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{u.area} m²</Td>
            <Td>
              <UnitStatusBadge status={u.status} />
            </Td>
            <Td className="text-sm">
              {u.residents.length === 0
                ? '—'
                : u.residents.map((r, i) => (
                    <span key={r.id} className="whitespace-nowrap">
                      {i > 0 && tc('listSeparator')}
                      {t('residentWithKind', { name: r.name, kind: tKind(r.kind) })}
                    </span>
                  ))}
            </Td>
          </>
        )}
      />
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('new')} wide>
        {creating && (
          <UnitCreateForm
            defaultCommunityId={communityId ?? undefined}
            defaultBuildingId={buildingId ?? undefined}
            onDone={(id) => {
              setCreating(false);
              router.push(`/${slug}/units/${id}`);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Dialog>
    </div>
  );
}

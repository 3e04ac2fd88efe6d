'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/auth/permissions';
import { ZUnitStatus } from '@/server/property/schemas';
import type { UnitStatus } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/input';
import { SelectField, TextField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { Pagination } from '@/components/ui/pagination';
import { Dialog } from '@/components/ui/dialog';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/card';
import { useDebounced } from '@/components/ui/use-debounced';
import { useServerErrorText } from '@/components/forms/use-error-text';
import { UnitStatusBadge } from './unit-status-badge';
import { UnitCreateForm } from './unit-form';
import { useBuildingOptions, useCommunityOptions } from './use-register-options';

const PAGE_SIZE = 25;

export interface UnitFilters {
  communityId?: string;
  buildingId?: string;
  status?: UnitStatus;
  q?: string;
}

export function UnitsPanel({ initialFilters }: { initialFilters: UnitFilters }) {
  const t = useTranslations('units');
  const tc = useTranslations('common');
  const tStatus = useTranslations('enums.unitStatus');
  const tKind = useTranslations('enums.residentKind');
  const { slug, role } = useTenant();
  const writer = can(role, 'register.write');
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useServerErrorText();

  const [q, setQ] = useState(initialFilters.q ?? '');
  const [communityId, setCommunityId] = useState(initialFilters.communityId ?? '');
  const [buildingId, setBuildingId] = useState(initialFilters.buildingId ?? '');
  const [status, setStatus] = useState<UnitStatus | ''>(initialFilters.status ?? '');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(q.trim());
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(communityId || undefined);

  const list = useQuery({
    ...trpc.property.units.queryOptions({
      tenant: slug,
      q: search || undefined,
      communityId: communityId || undefined,
      buildingId: buildingId || undefined,
      status: status || undefined,
      includeArchived,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });

  // Any filter change starts again at page 1.
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={writer && <Button onClick={() => setCreating(true)}>{t('new')}</Button>}
      />
      <div className="mb-3 grid grid-cols-2 items-end gap-3 md:grid-cols-3 lg:grid-cols-[16rem_repeat(3,minmax(0,11rem))_auto]">
        <TextField
          label={tc('search')}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={q}
          onChange={(e) => filter(setQ)(e.target.value)}
          fieldClassName="col-span-2 md:col-span-3 lg:col-span-1"
        />
        <SelectField
          label={t('filters.community')}
          value={communityId}
          onChange={(e) => {
            filter(setCommunityId)(e.target.value);
            setBuildingId('');
          }}
        >
          <option value="">{t('filters.allCommunities')}</option>
          {communities.options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('filters.building')} value={buildingId} disabled={!communityId} onChange={(e) => filter(setBuildingId)(e.target.value)}>
          <option value="">{t('filters.allBuildings')}</option>
          {buildings.options.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('filters.status')} value={status} onChange={(e) => filter(setStatus)(e.target.value as UnitStatus | '')}>
          <option value="">{t('filters.allStatuses')}</option>
          {ZUnitStatus.options.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </SelectField>
        <Checkbox label={tc('showArchived')} checked={includeArchived} onChange={(e) => filter(setIncludeArchived)(e.target.checked)} className="pb-2.5" />
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.community')}</Th>
          <Th>{t('columns.building')}</Th>
          <Th>{t('columns.unit')}</Th>
          <Th className="text-right">{t('columns.floor')}</Th>
          <Th className="text-right">{t('columns.area')}</Th>
          <Th>{t('columns.status')}</Th>
          <Th>{t('columns.residents')}</Th>
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={7}>{tc('loading')}</TableMessage>}
          {list.data?.rows.length === 0 && <TableMessage colSpan={7}>{search || communityId || status ? tc('noMatches') : t('empty')}</TableMessage>}
          {list.data?.rows.map((u) => (
            <Tr key={u.id} className={u.archived ? 'text-gray-500' : ''}>
              <Td className="whitespace-nowrap">{u.community}</Td>
              <Td className="whitespace-nowrap">{u.building}</Td>
              <Td className="font-medium whitespace-nowrap">
                <Link href={`/${slug}/units/${u.id}`} className="text-brand-700 hover:underline">
                  {u.label}
                </Link>
                {u.archived && (
                  <span className="ml-2">
                    <Badge>{tc('archived')}</Badge>
                  </span>
                )}
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
            </Tr>
          ))}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('new')} wide>
        {creating && (
          <UnitCreateForm
            defaultCommunityId={communityId || undefined}
            defaultBuildingId={buildingId || undefined}
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

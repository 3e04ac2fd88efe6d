'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZResidentKind } from '@/server/property/schemas';
import type { ResidentKind } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Checkbox } from '@/components/ui/input';
import { SelectField, TextField } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { Pagination } from '@/components/ui/pagination';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/card';
import { useDebounced } from '@/components/ui/use-debounced';
import { useServerErrorText } from '@/components/forms/use-error-text';
import { useCommunityOptions } from '@/components/units/use-register-options';

const PAGE_SIZE = 25;

/** Everyone in the register: search by name, phone or e-mail; filter by community and kind. */
export function ResidentsPanel() {
  const t = useTranslations('residents');
  const tc = useTranslations('common');
  const tKind = useTranslations('enums.residentKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerErrorText();
  const [q, setQ] = useState('');
  const [communityId, setCommunityId] = useState('');
  const [kind, setKind] = useState<ResidentKind | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [page, setPage] = useState(1);
  const search = useDebounced(q.trim());
  const communities = useCommunityOptions();
  const list = useQuery({
    ...trpc.property.residents.queryOptions({
      tenant: slug,
      q: search || undefined,
      communityId: communityId || undefined,
      kind: kind || undefined,
      includeArchived,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="mb-3 grid grid-cols-2 items-end gap-3 md:grid-cols-[16rem_12rem_10rem_auto]">
        <TextField
          label={tc('search')}
          type="search"
          placeholder={t('searchPlaceholder')}
          value={q}
          onChange={(e) => filter(setQ)(e.target.value)}
          fieldClassName="col-span-2 md:col-span-1"
        />
        <SelectField label={t('filters.community')} value={communityId} onChange={(e) => filter(setCommunityId)(e.target.value)}>
          <option value="">{t('filters.allCommunities')}</option>
          {communities.options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('filters.kind')} value={kind} onChange={(e) => filter(setKind)(e.target.value as ResidentKind | '')}>
          <option value="">{t('filters.allKinds')}</option>
          {ZResidentKind.options.map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
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
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.kind')}</Th>
          <Th>{t('columns.phone')}</Th>
          <Th>{t('columns.email')}</Th>
          <Th>{t('columns.unit')}</Th>
          <Th>{t('columns.signIn')}</Th>
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={6}>{tc('loading')}</TableMessage>}
          {list.data?.rows.length === 0 && <TableMessage colSpan={6}>{search || communityId || kind ? tc('noMatches') : t('empty')}</TableMessage>}
          {list.data?.rows.map((r) => (
            <Tr key={r.id} className={r.archived ? 'text-gray-500' : ''}>
              <Td className="font-medium whitespace-nowrap">
                {r.name}
                {r.archived && (
                  <span className="ml-2">
                    <Badge>{tc('archived')}</Badge>
                  </span>
                )}
              </Td>
              <Td>{tKind(r.kind)}</Td>
              <Td className="whitespace-nowrap">{r.phone || '—'}</Td>
              <Td className="break-all">{r.email || '—'}</Td>
              <Td className="whitespace-nowrap">
                <Link href={`/${slug}/units/${r.unitId}`} className="text-brand-700 hover:underline">
                  {r.unit}
                </Link>
              </Td>
              <Td>{r.hasSignIn ? <Badge tone="green">{t('signIn.active')}</Badge> : <Badge>{t('signIn.none')}</Badge>}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}

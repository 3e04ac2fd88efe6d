'use client';
import { useState } from 'react';
import type { z } from 'zod';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { ZParkingSpaceCreateForm, ZParkingSpaceEditForm, type ParkingFormValues } from '@/server/shared/schemas/billing';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField, NamedOptions } from '@/components/ui/field';
import { Td, Th } from '@/components/ui/table';
import { ActionsTh, ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, CommunityFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, useListQuery } from '@/components/list/use-list-query';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { FormActions } from '@/components/forms/form-actions';
import { useCommunityOptions } from '@/components/units/use-register-options';
import { UnitPicker } from '@/components/units/unit-picker';
import { useServerError } from '@/components/forms/use-server-error';

const FILTERS = { communityId: parseAsString, includeArchived: parseAsBoolean.withDefault(false) };
type Space = RouterOutputs['parking']['list']['rows'][number];

/** 车位: parking spaces, each tied to a unit (its household pays) or rented alone (its renter pays). */
export function ParkingPanel() {
  const t = useTranslations('fees.parking');
  const tc = useTranslations('common');
  const { slug, role } = useTenant();
  const manager = can(role, 'fees.manage');
  const cashier = can(role, 'payments.record');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS);
  const [editing, setEditing] = useState<Space | 'new' | null>(null);
  const query = useQuery({ ...trpc.parking.list.queryOptions({ tenant: slug, ...list.input }), placeholderData: keepPreviousData });
  const archive = useMutation(trpc.parking.archive.mutationOptions());
  const action = useServerError();

  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} actions={manager && <Button onClick={() => setEditing('new')}>{t('new')}</Button>} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        searchPlaceholder={t('searchPlaceholder')}
        filterGrid="md:grid-cols-[16rem_14rem_auto]"
        filters={
          <>
            <CommunityFilter
              label={t('community')}
              all={t('allCommunities')}
              value={list.values.communityId}
              onChange={(id) => list.setFilter('communityId', id)}
            />
            <ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
          </>
        }
        actionError={action.error}
        head={
          <>
            <Th>{t('columns.community')}</Th>
            <Th>{t('columns.number')}</Th>
            <Th>{t('columns.payer')}</Th>
            <Th>{t('columns.contact')}</Th>
            <ActionsTh />
          </>
        }
        rowKey={(s) => s.id}
        rowTestId="parking-row"
        rowState={archivedRow}
        empty={t('empty')}
        cells={(s) => (
          <>
            <Td className="whitespace-nowrap">{s.community.name}</Td>
            <Td className="font-medium whitespace-nowrap">
              <Link href={`/${slug}/parking/${s.id}`} className="text-brand-700 hover:underline">
                {s.number}
              </Link>
              <ArchivedBadge archived={s.archived} />
            </Td>
            <Td>
              {s.unit ? (
                <span>
                  <Badge tone="blue">{t('tied')}</Badge>{' '}
                  <Link href={`/${slug}/units/${s.unit.id}`} className="text-brand-700 hover:underline">
                    {s.unit.label}
                  </Link>
                </span>
              ) : (
                <span>
                  <Badge>{t('rentedAlone')}</Badge> {s.renterName}
                </span>
              )}
            </Td>
            <Td className="text-sm whitespace-nowrap text-gray-600">{s.unit ? '—' : [s.renterPhone, s.renterEmail].filter(Boolean).join(' · ') || '—'}</Td>
            <Td className="whitespace-nowrap">
              <span className="flex justify-end gap-1">
                {cashier && !s.archived && (
                  <Link
                    href={`/${slug}/cashier?${s.payer.kind === 'UNIT' ? 'unit' : 'parking'}=${s.payer.id}`}
                    className="px-2 py-1 text-sm text-brand-700 hover:underline"
                  >
                    {t('collect')}
                  </Link>
                )}
                {manager && !s.archived && (
                  <Button size="sm" variant="ghost" onClick={() => setEditing(s)}>
                    {tc('edit')}
                  </Button>
                )}
                {manager && (
                  <ArchiveToggle
                    archived={s.archived}
                    onToggle={() =>
                      action.run(async () => {
                        await archive.mutateAsync({ tenant: slug, id: s.id, archived: !s.archived });
                        await queryClient.invalidateQueries({ queryKey: trpc.parking.list.pathKey() });
                      })
                    }
                  />
                )}
              </span>
            </Td>
          </>
        )}
      />
      <Dialog open={!!editing} onClose={() => setEditing(null)} title={editing === 'new' ? t('new') : t('edit')} wide>
        {editing && <ParkingForm space={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </div>
  );
}

function ParkingForm({ space, onDone }: { space: Space | null; onDone: () => void }) {
  const t = useTranslations('fees.parking');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const communities = useCommunityOptions();
  const [unit, setUnit] = useState<{ id: string; label: string } | null>(space?.unit ?? null);
  const create = useMutation(trpc.parking.create.mutationOptions());
  const update = useMutation(trpc.parking.update.mutationOptions());
  const f = useServerForm<ParkingFormValues, object>(space ? ZParkingSpaceEditForm : ZParkingSpaceCreateForm, {
    defaultValues: {
      communityId: space?.community.id ?? '',
      number: space?.number ?? '',
      tied: space ? !!space.unit : true,
      unitId: space?.unit?.id ?? '',
      renterName: space?.renterName ?? '',
      renterPhone: space?.renterPhone ?? '',
      renterEmail: space?.renterEmail ?? '',
    },
    onSubmit: async (values) => {
      if (space) await update.mutateAsync({ tenant: slug, id: space.id, ...(values as z.output<typeof ZParkingSpaceEditForm>) });
      else await create.mutateAsync({ tenant: slug, ...(values as z.output<typeof ZParkingSpaceCreateForm>) });
      await queryClient.invalidateQueries({ queryKey: trpc.parking.list.pathKey() });
      onDone();
    },
  });
  const form = f.form;
  const communityId = form.watch('communityId');
  const tied = form.watch('tied');
  const chooseUnit = (u: { id: string; label: string } | null) => {
    setUnit(u);
    form.setValue('unitId', u?.id ?? '', { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };
  const setTied = (v: boolean) => form.setValue('tied', v, { shouldDirty: true });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('form.community')}
          required
          disabled={!!space}
          {...f.field('communityId')}
          onChange={(e) => {
            form.setValue('communityId', e.target.value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
            chooseUnit(null);
          }}
        >
          <option value="">{t('form.chooseCommunity')}</option>
          <NamedOptions items={communities.options} />
        </SelectField>
        <TextField label={t('form.number')} required placeholder="B-017" {...f.field('number')} />
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-gray-700">{t('form.payer')}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="payer" className="accent-brand-600" checked={tied} onChange={() => setTied(true)} />
            {t('form.tied')}
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="payer" className="accent-brand-600" checked={!tied} onChange={() => setTied(false)} />
            {t('form.alone')}
          </label>
        </div>
      </fieldset>
      {tied ? (
        <UnitPicker
          label={t('form.unit')}
          required
          communityId={communityId || undefined}
          value={unit}
          onChange={chooseUnit}
          error={f.errors.fieldError('unitId')}
        />
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('form.renterName')} required {...f.field('renterName')} />
          <TextField label={t('form.renterPhone')} type="tel" {...f.field('renterPhone')} />
          <TextField label={t('form.renterEmail')} type="email" {...f.field('renterEmail')} />
        </div>
      )}
      <FormActions submitLabel={space ? t('form.save') : t('form.create')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}

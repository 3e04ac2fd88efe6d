'use client';
import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZUnitCreateForm, ZUnitEditForm, ZUnitStatus } from '@/server/shared/schemas/property';
import type { UnitStatus } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Field, SelectField, TextField, NamedOptions, ValueOptions } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { pickDirty } from '@/components/forms/dirty';
import { useBuildingOptions, useCommunityOptions } from './use-register-options';

export interface UnitFormValue {
  id: string;
  entrance: string;
  number: string;
  floor: number;
  area: string;
  status: UnitStatus;
  billingStart: string | null;
}

type UnitFieldName = 'entrance' | 'number' | 'floor' | 'area' | 'status' | 'billingStart';
type FieldProps = UseFormRegisterReturn<string> & { error: string | undefined };

/** The unit's own fields, shared by the create and edit forms. */
function UnitFields({ field }: { field: (name: UnitFieldName) => FieldProps }) {
  const t = useTranslations('units.form');
  const tStatus = useTranslations('enums.unitStatus');
  return (
    <>
      <TextField label={t('entrance')} hint={t('entranceHint')} {...field('entrance')} />
      <TextField label={t('number')} required placeholder="1201" {...field('number')} />
      <TextField label={t('floor')} required inputMode="numeric" {...field('floor')} />
      <TextField label={t('area')} required inputMode="decimal" hint={t('areaHint')} {...field('area')} />
      <SelectField label={t('status')} {...field('status')}>
        <ValueOptions values={ZUnitStatus.options} label={tStatus} />
      </SelectField>
      <TextField label={t('billingStart')} type="date" hint={t('billingStartHint')} {...field('billingStart')} />
    </>
  );
}

/** Edits a unit's entrance, number, floor, area, status and billing start date (计费起始日). */
export function UnitEditForm({ unit, onDone, onCancel }: { unit: UnitFormValue; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('units.form');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.property.updateUnit.mutationOptions());
  const f = useServerForm(ZUnitEditForm, {
    defaultValues: {
      entrance: unit.entrance,
      number: unit.number,
      floor: String(unit.floor),
      area: unit.area,
      status: unit.status,
      billingStart: unit.billingStart ?? '',
    },
    onSubmit: async (values, form) => {
      await update.mutateAsync({ tenant: slug, id: unit.id, ...pickDirty(values, form.formState.dirtyFields) });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <UnitFields field={f.field} />
      </div>
      <FormActions submitLabel={t('save')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

/** Creates a unit: community, then one of its buildings, then the unit's fields. */
export function UnitCreateForm({
  defaultCommunityId,
  defaultBuildingId,
  onDone,
  onCancel,
}: {
  defaultCommunityId?: string;
  defaultBuildingId?: string;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('units.form');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [communityId, setCommunityId] = useState(defaultCommunityId ?? '');
  const communities = useCommunityOptions();
  const buildings = useBuildingOptions(communityId || undefined);
  const create = useMutation(trpc.property.createUnit.mutationOptions());
  const f = useServerForm(ZUnitCreateForm, {
    defaultValues: { buildingId: defaultBuildingId ?? '', entrance: '', number: '', floor: '', area: '', status: 'OCCUPIED', billingStart: '' },
    onSubmit: async (values) => {
      const { id } = await create.mutateAsync({ tenant: slug, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone(id);
    },
  });
  const form = f.form;
  // Controlled: its options arrive after the community is chosen.
  const buildingId = form.watch('buildingId');
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('community')} required>
          {(a) => (
            <Select
              {...a}
              value={communityId}
              onChange={(e) => {
                setCommunityId(e.target.value);
                form.setValue('buildingId', '', { shouldValidate: form.formState.isSubmitted });
              }}
            >
              <option value="">{communities.isPending ? t('loading') : t('chooseCommunity')}</option>
              <NamedOptions items={communities.options} />
            </Select>
          )}
        </Field>
        <SelectField
          label={t('building')}
          required
          disabled={!communityId}
          error={f.errors.fieldError('buildingId')}
          name="buildingId"
          value={buildingId}
          onChange={(e) => form.setValue('buildingId', e.target.value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
        >
          <option value="">
            {buildings.isPending ? t('loading') : communityId && buildings.options.length === 0 ? t('noBuildings') : t('chooseBuilding')}
          </option>
          {buildings.options.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <UnitFields field={f.field} />
      </div>
      <FormActions submitLabel={t('create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

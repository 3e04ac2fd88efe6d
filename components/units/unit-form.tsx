'use client';
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZArea, ZBillingStart, ZFloor, ZUnitInput, ZUnitStatus } from '@/server/property/schemas';
import type { UnitStatus } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Field, SelectField, TextField } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { pickDirty } from '@/components/forms/dirty';
import { useBuildingOptions, useCommunityOptions } from './use-register-options';
import { useServerError } from '@/components/forms/use-server-error';

// The server's unit fields; an empty floor or area must not slip through as 0 or "".
const unitFields = {
  entrance: ZUnitInput.shape.entrance,
  number: ZUnitInput.shape.number,
  floor: z.string().trim().min(1, 'Floor is required').transform((s): unknown => s).pipe(ZFloor),
  area: z.string().trim().min(1, 'Floor area is required').transform((s): string | number => s).pipe(ZArea),
  status: ZUnitStatus,
  billingStart: ZBillingStart,
};
const ZEdit = z.object(unitFields);
const ZCreate = z.object({ buildingId: z.string().min(1, 'Choose a building'), ...unitFields });
type EditValues = z.input<typeof ZEdit>;

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

/** The unit's own fields, shared by the create and edit forms. */
function UnitFields({ register, fieldError }: { register: (name: UnitFieldName) => UseFormRegisterReturn; fieldError: (name: UnitFieldName) => string | undefined }) {
  const t = useTranslations('units.form');
  const tStatus = useTranslations('enums.unitStatus');
  return (
    <>
      <TextField label={t('entrance')} hint={t('entranceHint')} error={fieldError('entrance')} {...register('entrance')} />
      <TextField label={t('number')} required placeholder="1201" error={fieldError('number')} {...register('number')} />
      <TextField label={t('floor')} required inputMode="numeric" error={fieldError('floor')} {...register('floor')} />
      <TextField label={t('area')} required inputMode="decimal" hint={t('areaHint')} error={fieldError('area')} {...register('area')} />
      <SelectField label={t('status')} error={fieldError('status')} {...register('status')}>
        {ZUnitStatus.options.map((s) => (
          <option key={s} value={s}>
            {tStatus(s)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('billingStart')} type="date" hint={t('billingStartHint')} error={fieldError('billingStart')} {...register('billingStart')} />
    </>
  );
}

/** Edits a unit's entrance, number, floor, area, status and billing start date (计费起始日). */
export function UnitEditForm({ unit, onDone, onCancel }: { unit: UnitFormValue; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('units.form');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<EditValues, unknown, z.output<typeof ZEdit>>({
    resolver: zodResolver(ZEdit),
    defaultValues: { entrance: unit.entrance, number: unit.number, floor: String(unit.floor), area: unit.area, status: unit.status, billingStart: unit.billingStart ?? '' },
  });
  const errors = useServerError().form(form);
  const update = useMutation(trpc.property.updateUnit.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      await update.mutateAsync({ tenant: slug, id: unit.id, ...pickDirty(values, form.formState.dirtyFields) });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone();
    } catch (e) {
      errors.onServerError(e);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={errors.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <UnitFields register={(n) => form.register(n)} fieldError={errors.fieldError} />
      </div>
      <FormActions submitLabel={t('save')} pending={form.formState.isSubmitting} onCancel={onCancel} />
    </form>
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
  const form = useForm<z.input<typeof ZCreate>, unknown, z.output<typeof ZCreate>>({
    resolver: zodResolver(ZCreate),
    defaultValues: { buildingId: defaultBuildingId ?? '', entrance: '', number: '', floor: '', area: '', status: 'OCCUPIED', billingStart: '' },
  });
  const errors = useServerError().form(form);
  // Controlled: its options arrive after the community is chosen.
  const buildingId = form.watch('buildingId');
  const create = useMutation(trpc.property.createUnit.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      const { id } = await create.mutateAsync({ tenant: slug, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone(id);
    } catch (e) {
      errors.onServerError(e);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={errors.formError} />
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
              {communities.options.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <SelectField
          label={t('building')}
          required
          disabled={!communityId}
          error={errors.fieldError('buildingId')}
          name="buildingId"
          value={buildingId}
          onChange={(e) => form.setValue('buildingId', e.target.value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
        >
          <option value="">{buildings.isPending ? t('loading') : communityId && buildings.options.length === 0 ? t('noBuildings') : t('chooseBuilding')}</option>
          {buildings.options.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <UnitFields register={(n) => form.register(n)} fieldError={errors.fieldError} />
      </div>
      <FormActions submitLabel={t('create')} pending={form.formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}

'use client';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZResidentInput, ZResidentKind } from '@/server/property/schemas';
import type { ResidentKind } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { pickDirty } from '@/components/forms/dirty';
import { useServerError } from '@/components/forms/use-server-error';

const ZForm = ZResidentInput.omit({ unitId: true });
type Values = z.input<typeof ZForm>;

export interface ResidentFormValue {
  id: string;
  name: string;
  phone: string;
  email: string;
  kind: ResidentKind;
}

/** Adds a resident to `unitId`, or edits `resident` when given. */
export function ResidentForm({ unitId, resident, onDone, onCancel }: { unitId: string; resident?: ResidentFormValue; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('residents.form');
  const tKind = useTranslations('enums.residentKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(ZForm),
    defaultValues: { name: resident?.name ?? '', phone: resident?.phone ?? '', email: resident?.email ?? '', kind: resident?.kind ?? 'OWNER' },
  });
  const errors = useServerError().form(form);
  const create = useMutation(trpc.property.createResident.mutationOptions());
  const update = useMutation(trpc.property.updateResident.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      if (resident) await update.mutateAsync({ tenant: slug, id: resident.id, ...pickDirty(values, form.formState.dirtyFields) });
      else await create.mutateAsync({ tenant: slug, unitId, ...values });
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
        <TextField label={t('name')} required autoFocus error={errors.fieldError('name')} {...form.register('name')} />
        <SelectField label={t('kind')} error={errors.fieldError('kind')} {...form.register('kind')}>
          {ZResidentKind.options.map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('phone')} type="tel" autoComplete="off" error={errors.fieldError('phone')} {...form.register('phone')} />
        <TextField label={t('email')} type="email" autoComplete="off" hint={t('emailHint')} error={errors.fieldError('email')} {...form.register('email')} />
      </div>
      <FormActions submitLabel={resident ? t('save') : t('create')} pending={form.formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}

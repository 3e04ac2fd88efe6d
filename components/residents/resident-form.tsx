'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZResidentForm, ZResidentKind } from '@/server/shared/schemas/property';
import type { ResidentKind } from '@/server/db/generated/enums';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { pickDirty } from '@/components/forms/dirty';

export interface ResidentFormValue {
  id: string;
  name: string;
  phone: string;
  email: string;
  kind: ResidentKind;
}

/** Adds a resident to `unitId`, or edits `resident` when given. */
export function ResidentForm({
  unitId,
  resident,
  onDone,
  onCancel,
}: {
  unitId: string;
  resident?: ResidentFormValue;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('residents.form');
  const tKind = useTranslations('enums.residentKind');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.property.createResident.mutationOptions());
  const update = useMutation(trpc.property.updateResident.mutationOptions());
  const f = useServerForm(ZResidentForm, {
    defaultValues: { name: resident?.name ?? '', phone: resident?.phone ?? '', email: resident?.email ?? '', kind: resident?.kind ?? 'OWNER' },
    onSubmit: async (values, form) => {
      if (resident) await update.mutateAsync({ tenant: slug, id: resident.id, ...pickDirty(values, form.formState.dirtyFields) });
      else await create.mutateAsync({ tenant: slug, unitId, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required autoFocus {...f.field('name')} />
        <SelectField label={t('kind')} {...f.field('kind')}>
          {ZResidentKind.options.map((k) => (
            <option key={k} value={k}>
              {tKind(k)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('phone')} type="tel" autoComplete="off" {...f.field('phone')} />
        <TextField label={t('email')} type="email" autoComplete="off" hint={t('emailHint')} {...f.field('email')} />
      </div>
      <FormActions submitLabel={resident ? t('save') : t('create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

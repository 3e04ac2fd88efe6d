'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZCommunityInput } from '@/server/shared/schemas/property';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { pickDirty } from '@/components/forms/dirty';

export interface CommunityFormValue {
  id: string;
  name: string;
  address: string;
  district: string;
}

/** Creates a community, or edits `community` when given. */
export function CommunityForm({ community, onDone, onCancel }: { community?: CommunityFormValue; onDone: (id: string) => void; onCancel?: () => void }) {
  const t = useTranslations('communities.form');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.property.createCommunity.mutationOptions());
  const update = useMutation(trpc.property.updateCommunity.mutationOptions());
  const f = useServerForm(ZCommunityInput, {
    defaultValues: { name: community?.name ?? '', address: community?.address ?? '', district: community?.district ?? '' },
    onSubmit: async (values, form) => {
      const id = community
        ? (await update.mutateAsync({ tenant: slug, id: community.id, ...pickDirty(values, form.formState.dirtyFields) }), community.id)
        : (await create.mutateAsync({ tenant: slug, ...values })).id;
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      onDone(id);
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('name')} required autoFocus fieldClassName="sm:col-span-2" {...f.field('name')} />
        <TextField label={t('district')} hint={t('districtHint')} {...f.field('district')} />
        <TextField label={t('address')} {...f.field('address')} />
      </div>
      <FormActions submitLabel={community ? t('save') : t('create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

'use client';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZCommunityInput } from '@/server/property/schemas';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { pickDirty } from '@/components/forms/dirty';
import { useServerError } from '@/components/forms/use-server-error';

type Values = z.input<typeof ZCommunityInput>;
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
  const form = useForm<Values, unknown, z.output<typeof ZCommunityInput>>({
    resolver: zodResolver(ZCommunityInput),
    defaultValues: { name: community?.name ?? '', address: community?.address ?? '', district: community?.district ?? '' },
  });
  const errors = useServerError().form(form);
  const create = useMutation(trpc.property.createCommunity.mutationOptions());
  const update = useMutation(trpc.property.updateCommunity.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      let id: string;
      if (community) {
        await update.mutateAsync({ tenant: slug, id: community.id, ...pickDirty(values, form.formState.dirtyFields) });
        id = community.id;
      } else {
        id = (await create.mutateAsync({ tenant: slug, ...values })).id;
      }
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
        <TextField label={t('name')} required autoFocus error={errors.fieldError('name')} fieldClassName="sm:col-span-2" {...form.register('name')} />
        <TextField label={t('district')} hint={t('districtHint')} error={errors.fieldError('district')} {...form.register('district')} />
        <TextField label={t('address')} error={errors.fieldError('address')} {...form.register('address')} />
      </div>
      <FormActions submitLabel={community ? t('save') : t('create')} pending={form.formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}

'use client';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZBuildingUpdate } from '@/server/property/schemas';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { useServerError } from '@/components/forms/use-server-error';

const ZForm = z.object({ name: ZBuildingUpdate.shape.name });
type Values = z.input<typeof ZForm>;

/** Adds a building to a community (inline, one field) or renames `building`. */
export function BuildingForm({
  communityId,
  building,
  onDone,
  onCancel,
}: {
  communityId: string;
  building?: { id: string; name: string };
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const t = useTranslations('communities.buildings');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof ZForm>>({ resolver: zodResolver(ZForm), defaultValues: { name: building?.name ?? '' } });
  const errors = useServerError().form(form);
  const create = useMutation(trpc.property.createBuilding.mutationOptions());
  const rename = useMutation(trpc.property.updateBuilding.mutationOptions());

  const onSubmit = form.handleSubmit(async ({ name }) => {
    errors.clearFormError();
    try {
      if (building) await rename.mutateAsync({ tenant: slug, id: building.id, name });
      else await create.mutateAsync({ tenant: slug, communityId, name });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      if (!building) form.reset({ name: '' });
      onDone?.();
    } catch (e) {
      errors.onServerError(e);
    }
  });

  if (building) {
    return (
      <form onSubmit={onSubmit} noValidate>
        <FormError message={errors.formError} />
        <TextField label={t('name')} required autoFocus error={errors.fieldError('name')} {...form.register('name')} />
        <FormActions submitLabel={t('save')} pending={form.formState.isSubmitting} onCancel={onCancel} />
      </form>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mb-4">
      <FormError message={errors.formError} />
      <div className="flex flex-wrap items-start gap-2">
        <TextField
          label={t('newName')}
          placeholder={t('namePlaceholder')}
          error={errors.fieldError('name')}
          fieldClassName="w-full sm:w-64"
          {...form.register('name')}
        />
        <Button type="submit" className="sm:mt-6" pending={form.formState.isSubmitting}>
          {t('add')}
        </Button>
      </div>
    </form>
  );
}

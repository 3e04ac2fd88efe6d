'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZBuildingForm } from '@/server/shared/schemas/property';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

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
  const create = useMutation(trpc.property.createBuilding.mutationOptions());
  const rename = useMutation(trpc.property.updateBuilding.mutationOptions());
  const f = useServerForm(ZBuildingForm, {
    defaultValues: { name: building?.name ?? '' },
    onSubmit: async ({ name }, form) => {
      if (building) await rename.mutateAsync({ tenant: slug, id: building.id, name });
      else await create.mutateAsync({ tenant: slug, communityId, name });
      await queryClient.invalidateQueries({ queryKey: trpc.property.pathKey() });
      if (!building) form.reset({ name: '' });
      onDone?.();
    },
  });

  if (building) {
    return (
      <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
        <TextField label={t('name')} required autoFocus {...f.field('name')} />
        <FormActions submitLabel={t('save')} pending={f.pending} onCancel={onCancel} />
      </ServerForm>
    );
  }
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="mb-4">
      <div className="flex flex-wrap items-start gap-2">
        <TextField label={t('newName')} placeholder={t('namePlaceholder')} fieldClassName="w-full sm:w-64" {...f.field('name')} />
        <Button type="submit" className="sm:mt-6" pending={f.pending}>
          {t('add')}
        </Button>
      </div>
    </ServerForm>
  );
}

'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CATEGORY_KINDS, ZCreateCategory } from '@/server/shared/schemas/services';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

type Kind = (typeof CATEGORY_KINDS)[number];

/** A new category, or a category renamed (its kind may change too). */
export function CategoryForm({
  category,
  onDone,
  onCancel,
}: {
  category?: { id: string; name: string; kind: string };
  onDone: () => Promise<unknown> | void;
  onCancel: () => void;
}) {
  const t = useTranslations('services');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const create = useMutation(trpc.services.createCategory.mutationOptions());
  const update = useMutation(trpc.services.updateCategory.mutationOptions());
  const f = useServerForm(ZCreateCategory, {
    defaultValues: {
      name: category?.name ?? '',
      kind: (CATEGORY_KINDS as readonly string[]).includes(category?.kind ?? '') ? (category!.kind as Kind) : 'other',
    },
    onSubmit: async (v) => {
      if (category) await update.mutateAsync({ tenant: slug, id: category.id, ...v });
      else await create.mutateAsync({ tenant: slug, ...v });
      await onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <TextField label={t('category.name')} required {...f.field('name')} />
      <SelectField label={t('category.kind')} hint={t('category.kindHint')} {...f.field('kind')}>
        {CATEGORY_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <FormActions submitLabel={category ? t('save') : t('category.create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

'use client';
import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';
import { TextField } from '@/components/ui/field';
import { suggestSlug } from './slug';

type CompanyValues = FieldValues & { companyName: string; slug: string };

/**
 * Company name + URL name. The URL name follows the company name until the user edits it.
 */
export function CompanyFields<T extends CompanyValues>({
  form,
  fieldError,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form whose values include these two fields (its context and output types vary)
  form: UseFormReturn<T, any, any>;
  fieldError: (name: Path<T>) => string | undefined;
}) {
  const t = useTranslations('auth.company');
  const slugTouched = useRef(false);
  const nameField = form.register('companyName' as Path<T>);
  const slugField = form.register('slug' as Path<T>);
  const slug = form.watch('slug' as Path<T>) as string;
  return (
    <>
      <TextField
        label={t('name')}
        required
        autoComplete="organization"
        placeholder={t('namePlaceholder')}
        error={fieldError('companyName' as Path<T>)}
        {...nameField}
        onChange={(e) => {
          void nameField.onChange(e);
          if (!slugTouched.current) {
            form.setValue('slug' as Path<T>, suggestSlug(e.target.value) as PathValue<T, Path<T>>, { shouldValidate: form.formState.isSubmitted });
          }
        }}
      />
      <TextField
        label={t('slug')}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="lvyuan-wuye"
        hint={t('slugHint', { url: `/${slug || '…'}` })}
        error={fieldError('slug' as Path<T>)}
        {...slugField}
        onChange={(e) => {
          slugTouched.current = e.target.value !== '';
          void slugField.onChange(e);
        }}
      />
    </>
  );
}

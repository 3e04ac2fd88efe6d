'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZCompanySettings } from '@/server/shared/schemas/tenancy';
import { LOCALES } from '@/server/shared/locale';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { pickDirty } from '@/components/forms/dirty';
import { useServerError } from '@/components/forms/use-server-error';

const ZForm = ZCompanySettings.required();
type Values = z.input<typeof ZForm>;

/** Company name, default language and time zone. */
export function SettingsForm({ timeZones }: { timeZones: string[] }) {
  const t = useTranslations('settings');
  const company = useTenant();
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(ZForm),
    defaultValues: { name: company.name, locale: company.locale === 'en' ? 'en' : 'zh-CN', timeZone: company.timeZone },
  });
  const errors = useServerError().form(form);
  const save = useMutation(trpc.company.updateSettings.mutationOptions());
  const zones = timeZones.includes(company.timeZone) ? timeZones : [company.timeZone, ...timeZones];

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    setSaved(false);
    try {
      await save.mutateAsync({ tenant: company.slug, ...pickDirty(values, form.formState.dirtyFields) });
      form.reset(values);
      setSaved(true);
      // The header shows the name and dates use the zone: reload the server parts.
      router.refresh();
    } catch (e) {
      errors.onServerError(e);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      <FormError message={errors.formError} />
      {saved && (
        <Alert tone="success" className="mb-4">
          {t('saved')}
        </Alert>
      )}
      <div className="space-y-4">
        <TextField label={t('name')} required error={errors.fieldError('name')} {...form.register('name')} />
        <TextField label={t('slug')} value={company.slug} readOnly disabled hint={t('slugHint')} />
        <SelectField label={t('locale')} hint={t('localeHint')} error={errors.fieldError('locale')} {...form.register('locale')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`locales.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('timeZone')} hint={t('timeZoneHint')} error={errors.fieldError('timeZone')} {...form.register('timeZone')}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
      </div>
      <FormActions submitLabel={t('save')} pending={form.formState.isSubmitting} />
    </form>
  );
}


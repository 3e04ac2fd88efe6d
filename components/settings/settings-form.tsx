'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZCompanySettingsForm } from '@/server/shared/schemas/tenancy';
import { LOCALES } from '@/server/shared/locale';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { pickDirty } from '@/components/forms/dirty';

/** Company name, default language and time zone. */
export function SettingsForm({ timeZones }: { timeZones: string[] }) {
  const t = useTranslations('settings');
  const company = useTenant();
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.company.updateSettings.mutationOptions());
  const zones = timeZones.includes(company.timeZone) ? timeZones : [company.timeZone, ...timeZones];
  const f = useServerForm(ZCompanySettingsForm, {
    defaultValues: { name: company.name, locale: company.locale === 'en' ? 'en' : 'zh-CN', timeZone: company.timeZone },
    onSubmit: async (values, form) => {
      setSaved(false);
      await save.mutateAsync({ tenant: company.slug, ...pickDirty(values, form.formState.dirtyFields) });
      form.reset(values);
      setSaved(true);
      // The header shows the name and dates use the zone: reload the server parts.
      router.refresh();
    },
  });

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="max-w-xl">
      {saved && (
        <Alert tone="success" className="mb-4">
          {t('saved')}
        </Alert>
      )}
      <div className="space-y-4">
        <TextField label={t('name')} required {...f.field('name')} />
        <TextField label={t('slug')} value={company.slug} readOnly disabled hint={t('slugHint')} />
        <SelectField label={t('locale')} hint={t('localeHint')} {...f.field('locale')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`locales.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('timeZone')} hint={t('timeZoneHint')} {...f.field('timeZone')}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
      </div>
      <FormActions submitLabel={t('save')} pending={f.pending} />
    </ServerForm>
  );
}


'use client';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZCompanySettingsForm } from '@/server/shared/schemas/tenancy';
import { LOCALES } from '@/server/shared/locale';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';
import { pickDirty } from '@/components/forms/dirty';

/** Company name, default language and time zone. */
export function SettingsForm({ timeZones }: { timeZones: string[] }) {
  const t = useTranslations('settings');
  const company = useTenant();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.company.updateSettings.mutationOptions());
  const zones = timeZones.includes(company.timeZone) ? timeZones : [company.timeZone, ...timeZones];
  const f = useSavedForm(ZCompanySettingsForm, {
    defaultValues: { name: company.name, locale: company.locale === 'en' ? 'en' : 'zh-CN', timeZone: company.timeZone },
    save: async (values, form) => {
      await save.mutateAsync({ tenant: company.slug, ...pickDirty(values, form.formState.dirtyFields) });
      form.reset(values);
      // The header shows the name and dates use the zone: reload the server parts.
      router.refresh();
    },
  });

  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')}>
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
    </SavedForm>
  );
}

'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZAutoBillingForm } from '@/server/shared/schemas/billing';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Loading } from '@/components/ui/empty-state';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';

const DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

/** Scheduled monthly billing (自动出账): on/off and the day of the month. */
export function AutoBillingForm() {
  const t = useTranslations('settings.autoBilling');
  const company = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.billing.getAutoBilling.queryOptions({ tenant: company.slug }));
  if (!current.data) return <Loading label={t('loading')} />;
  return (
    <Form
      key={`${current.data.enabled}-${current.data.day}`}
      initial={current.data}
      onSaved={() => queryClient.invalidateQueries({ queryKey: trpc.billing.getAutoBilling.queryKey() })}
    />
  );
}

function Form({ initial, onSaved }: { initial: { enabled: boolean; day: number; lastPeriod: string | null; runsAs: string | null }; onSaved: () => void }) {
  const t = useTranslations('settings.autoBilling');
  const company = useTenant();
  const trpc = useTRPC();
  const save = useMutation(trpc.billing.updateAutoBilling.mutationOptions());
  const f = useSavedForm(ZAutoBillingForm, {
    defaultValues: { enabled: initial.enabled, day: initial.day },
    save: async (values) => {
      await save.mutateAsync({ tenant: company.slug, ...values });
      onSaved();
    },
  });
  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')} data-testid="auto-billing-form">
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <div className="space-y-4">
        <Checkbox label={t('enabled')} {...f.form.register('enabled')} />
        <SelectField label={t('day')} hint={t('dayHint')} {...f.field('day')}>
          {DAYS.map((d) => (
            <option key={d} value={d}>
              {t('dayOption', { day: d })}
            </option>
          ))}
        </SelectField>
        {initial.enabled && initial.runsAs && <p className="text-sm text-gray-600">{t('runsAs', { name: initial.runsAs })}</p>}
        <p className="text-sm text-gray-600" data-testid="auto-billing-last">
          {initial.lastPeriod ? t('lastPeriod', { period: initial.lastPeriod }) : t('never')}
        </p>
      </div>
    </SavedForm>
  );
}

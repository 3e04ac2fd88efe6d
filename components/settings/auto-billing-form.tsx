'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZAutoBillingForm } from '@/server/shared/schemas/billing';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

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
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.billing.updateAutoBilling.mutationOptions());
  const f = useServerForm(ZAutoBillingForm, {
    defaultValues: { enabled: initial.enabled, day: initial.day },
    onSubmit: async (values) => {
      setSaved(false);
      await save.mutateAsync({ tenant: company.slug, ...values });
      setSaved(true);
      onSaved();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="max-w-xl" data-testid="auto-billing-form">
      {saved && (
        <Alert tone="success" className="mb-4">
          {t('saved')}
        </Alert>
      )}
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
      <FormActions submitLabel={t('save')} pending={f.pending} />
    </ServerForm>
  );
}

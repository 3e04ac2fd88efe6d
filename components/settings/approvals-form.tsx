'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Checkbox } from '@/components/ui/input';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { ZApprovalSettings } from '@/server/shared/schemas/tenancy';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

/** Four-eyes approvals: waivers, discounts and refunds approved by someone else. */
export function ApprovalsForm() {
  const t = useTranslations('settings.approvals');
  const company = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.company.getApprovals.queryOptions({ tenant: company.slug }));
  if (!current.data) return <Loading label={t('loading')} />;
  return (
    <Form
      key={String(current.data.requireSecondApprover)}
      initial={current.data.requireSecondApprover}
      onSaved={() => queryClient.invalidateQueries({ queryKey: trpc.company.getApprovals.queryKey() })}
    />
  );
}

function Form({ initial, onSaved }: { initial: boolean; onSaved: () => void }) {
  const t = useTranslations('settings.approvals');
  const company = useTenant();
  const trpc = useTRPC();
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.company.updateApprovals.mutationOptions());
  const f = useServerForm(ZApprovalSettings, {
    defaultValues: { requireSecondApprover: initial },
    onSubmit: async (values) => {
      setSaved(false);
      await save.mutateAsync({ tenant: company.slug, ...values });
      setSaved(true);
      onSaved();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="max-w-xl" data-testid="approvals-form">
      {saved && (
        <Alert tone="success" className="mb-4">
          {t('saved')}
        </Alert>
      )}
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <Checkbox label={t('enabled')} {...f.form.register('requireSecondApprover')} />
      <FormActions submitLabel={t('save')} pending={f.pending} />
    </ServerForm>
  );
}

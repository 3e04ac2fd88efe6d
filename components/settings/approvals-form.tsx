'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Checkbox } from '@/components/ui/input';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { useServerError } from '@/components/forms/use-server-error';

/** Four-eyes approvals: waivers, discounts and refunds approved by someone else. */
export function ApprovalsForm() {
  const t = useTranslations('settings.approvals');
  const company = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.company.approvals.queryOptions({ tenant: company.slug }));
  if (!current.data) return <Loading label={t('loading')} />;
  return (
    <Form
      key={String(current.data.requireSecondApprover)}
      initial={current.data.requireSecondApprover}
      onSaved={() => queryClient.invalidateQueries({ queryKey: trpc.company.approvals.queryKey() })}
    />
  );
}

function Form({ initial, onSaved }: { initial: boolean; onSaved: () => void }) {
  const t = useTranslations('settings.approvals');
  const company = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const [on, setOn] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.company.updateApprovals.mutationOptions());
  return (
    <form
      noValidate
      className="max-w-xl"
      data-testid="approvals-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        setError(null);
        try {
          await save.mutateAsync({ tenant: company.slug, requireSecondApprover: on });
          setSaved(true);
          onSaved();
        } catch (err) {
          setError(errorText(err));
        }
      }}
    >
      <FormError message={error ?? undefined} />
      {saved && (
        <Alert tone="success" className="mb-4">
          {t('saved')}
        </Alert>
      )}
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <Checkbox label={t('enabled')} checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />
      <FormActions submitLabel={t('save')} pending={save.isPending} />
    </form>
  );
}

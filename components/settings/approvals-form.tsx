'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Checkbox } from '@/components/ui/input';
import { Loading } from '@/components/ui/empty-state';
import { ZApprovalSettings } from '@/server/shared/schemas/tenancy';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';

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
  const save = useMutation(trpc.company.updateApprovals.mutationOptions());
  const f = useSavedForm(ZApprovalSettings, {
    defaultValues: { requireSecondApprover: initial },
    save: async (values) => {
      await save.mutateAsync({ tenant: company.slug, ...values });
      onSaved();
    },
  });
  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')} data-testid="approvals-form">
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <Checkbox label={t('enabled')} {...f.form.register('requireSecondApprover')} />
    </SavedForm>
  );
}

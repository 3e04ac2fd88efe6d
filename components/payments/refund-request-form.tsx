'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZRequestRefundForm } from '@/server/shared/schemas/payments';
import { fenToYuanText } from '@/server/shared/money-input';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { OfflineMethodField } from './method-field';
import type { PayerRef } from './payer';

/** A cashier asks to pay back part of a payer's credit balance; an admin approves it. */
export function RefundRequestForm({
  payer,
  availableFen,
  onDone,
  onCancel,
}: {
  payer: PayerRef;
  availableFen: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('cashier.refund');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const request = useMutation(trpc.payments.requestRefund.mutationOptions());
  const f = useServerForm(ZRequestRefundForm, {
    defaultValues: { amountFen: fenToYuanText(availableFen), method: 'CASH', reason: '' },
    onSubmit: async (values) => {
      await request.mutateAsync({ tenant: slug, payer, ...values });
      await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
      onDone();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <p className="mb-3 text-sm text-gray-600">{t('available', { amount: money(availableFen) })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('amount')} required inputMode="decimal" {...f.field('amountFen')} />
        <OfflineMethodField label={t('method')} {...f.field('method')} />
        <TextField label={t('reason')} required fieldClassName="sm:col-span-2" maxLength={500} {...f.field('reason')} />
      </div>
      <p className="mt-3 text-xs text-gray-500">{t('needsApproval')}</p>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

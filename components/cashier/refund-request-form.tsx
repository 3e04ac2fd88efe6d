'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZOfflineMethod } from '@/server/payments/schemas';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { fenToYuanInput, parseYuanToFen } from '@/components/money/yuan';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';
import type { PayerRef } from './payer';

type Method = (typeof ZOfflineMethod.options)[number];

/** A cashier asks to pay back part of a payer's credit balance; an admin approves it. */
export function RefundRequestForm({ payer, availableFen, onDone, onCancel }: { payer: PayerRef; availableFen: number; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('cashier.refund');
  const tMethod = useTranslations('enums.paymentMethod');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useFeeErrorText();
  const [amount, setAmount] = useState(fenToYuanInput(availableFen));
  const [method, setMethod] = useState<Method>('CASH');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string }>({});
  const request = useMutation(trpc.payments.requestRefund.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fen = parseYuanToFen(amount);
    const next: typeof errors = {};
    if (fen == null || fen <= 0) next.amount = t('amountInvalid');
    if (!reason.trim()) next.reason = t('reasonRequired');
    setErrors(next);
    if (Object.keys(next).length || fen == null) return;
    try {
      await request.mutateAsync({ tenant: slug, payer, amountFen: fen, method, reason: reason.trim() });
      await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
      onDone();
    } catch (err) {
      setErrors({ form: errorText(err) });
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <p className="mb-3 text-sm text-gray-600">{t('available', { amount: money(availableFen) })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('amount')} required inputMode="decimal" value={amount} error={errors.amount} onChange={(e) => setAmount(e.target.value)} />
        <SelectField label={t('method')} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
          {ZOfflineMethod.options.map((m) => (
            <option key={m} value={m}>
              {tMethod(m)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('reason')} required fieldClassName="sm:col-span-2" maxLength={500} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <p className="mt-3 text-xs text-gray-500">{t('needsApproval')}</p>
      <FormActions submitLabel={t('submit')} pending={request.isPending} onCancel={onCancel} />
    </form>
  );
}

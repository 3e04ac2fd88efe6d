'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/forms/form-error';
import { FormActions } from '@/components/forms/form-actions';
import { useFeeErrorText } from '@/components/money/use-fee-error-text';

/** Records (or clears) the official invoice (发票) number of a receipt. */
export function InvoiceDialog({ row, onClose }: { row: { id: string; receiptNo: string | null; invoiceNo: string | null } | null; onClose: () => void }) {
  const t = useTranslations('cashier.invoice');
  return (
    <Dialog open={!!row} onClose={onClose} title={t('title', { receiptNo: row?.receiptNo ?? '' })}>
      {row && <InvoiceForm key={row.id} row={row} onClose={onClose} />}
    </Dialog>
  );
}

function InvoiceForm({ row, onClose }: { row: { id: string; invoiceNo: string | null }; onClose: () => void }) {
  const t = useTranslations('cashier.invoice');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useFeeErrorText();
  const [value, setValue] = useState(row.invoiceNo ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.payments.setInvoiceNo.mutationOptions());
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await save.mutateAsync({ tenant: slug, paymentId: row.id, invoiceNo: value.trim() ? value.trim() : null });
      await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={error} />
      <TextField label={t('number')} hint={t('hint')} maxLength={50} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      <FormActions submitLabel={t('save')} pending={save.isPending} onCancel={onClose} />
    </form>
  );
}

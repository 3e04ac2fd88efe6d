'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZSetInvoiceNoForm } from '@/server/shared/schemas/payments';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';

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
  const save = useMutation(trpc.payments.setInvoiceNo.mutationOptions());
  const f = useServerForm(ZSetInvoiceNoForm, {
    defaultValues: { invoiceNo: row.invoiceNo ?? '' },
    onSubmit: async ({ invoiceNo }) => {
      await save.mutateAsync({ tenant: slug, paymentId: row.id, invoiceNo });
      await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
      onClose();
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <TextField label={t('number')} hint={t('hint')} maxLength={50} autoComplete="off" {...f.field('invoiceNo')} />
      <FormActions submitLabel={t('save')} pending={f.pending} onCancel={onClose} />
    </ServerForm>
  );
}

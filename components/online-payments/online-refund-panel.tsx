'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { ZRequestOnlineRefundForm } from '@/server/shared/schemas/online-refunds';
import { fenToYuanText } from '@/server/shared/money-input';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { newIdempotencyKey } from '@/components/payments/idempotency-key';
import { OnlineRefundStatusBadge } from './online-refund-status';

/**
 * Under an online payment's receipt, for admins: its refunds so far and 退款 (amount prefilled
 * with what can still be refunded). Renders nothing for other roles or other payments.
 */
export function OnlineRefundPanel({ paymentId, receiptNo }: { paymentId: string; receiptNo: string }) {
  const { role } = useTenant();
  if (!can(role, 'onlinePayments.refund')) return null;
  return <Panel paymentId={paymentId} receiptNo={receiptNo} />;
}

function Panel({ paymentId, receiptNo }: { paymentId: string; receiptNo: string }) {
  const t = useTranslations('cashier.onlineRefunds');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const query = useQuery(trpc.onlinePayments.listRefunds.queryOptions({ tenant: slug, paymentId, pageSize: 50 }));
  const data = query.data;
  if (!data?.payment?.online) return null;
  const refundable = data.payment.refundableFen;
  return (
    <section data-testid="online-refunds" className="no-print mx-auto mt-6 max-w-3xl rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{t('historyTitle')}</h2>
        <div className="flex items-center gap-3">
          <span className="text-sm text-gray-600">{refundable > 0 ? t('refundable', { amount: money(refundable) }) : t('noneRefundable')}</span>
          {refundable > 0 && (
            <Button variant="danger" onClick={() => setOpen(true)}>
              {t('action')}
            </Button>
          )}
        </div>
      </div>
      {done && (
        <p role="status" className="mt-2 text-sm text-brand-700">
          {done}
        </p>
      )}
      {data.rows.length > 0 && (
        <ul className="mt-3 divide-y divide-gray-100 text-sm">
          {data.rows.map((r) => (
            <li key={r.id} data-testid="online-refund-row" className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <span className="tabular-nums">{money(r.amountFen)}</span>
              <OnlineRefundStatusBadge status={r.status} />
              {r.refundedOn && <span className="text-gray-600 tabular-nums">{r.refundedOn}</span>}
              <span className="text-gray-600">
                {r.automatic ? t('automatic') : r.requestedBy.id === 'system:stripe' ? t('stripeDashboard') : r.requestedBy.name}
              </span>
              {r.reason && <span className="text-gray-500">{r.reason}</span>}
              {r.failureReason && r.status !== 'SUCCEEDED' && <span className="text-red-700">{r.failureReason}</span>}
            </li>
          ))}
        </ul>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={t('formTitle', { receiptNo })}>
        {open && (
          <RefundForm
            paymentId={paymentId}
            refundableFen={refundable}
            onCancel={() => setOpen(false)}
            onDone={(status) => {
              setOpen(false);
              setDone(t('result', { status }));
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function RefundForm({
  paymentId,
  refundableFen,
  onDone,
  onCancel,
}: {
  paymentId: string;
  refundableFen: number;
  onDone: (status: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('cashier.onlineRefunds');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // One key per opening of the form: a retry after a timeout (or Stripe's refusal) sends the same refund.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const request = useMutation(trpc.onlinePayments.requestRefund.mutationOptions());
  const f = useServerForm(ZRequestOnlineRefundForm, {
    defaultValues: { amountFen: fenToYuanText(refundableFen), reason: '' },
    onSubmit: async (values) => {
      const r = await request.mutateAsync({ tenant: slug, paymentId, idempotencyKey, ...values });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.onlinePayments.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
      ]);
      router.refresh();
      onDone(r.status);
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError}>
      <p className="mb-3 text-sm text-gray-600">{t('refundable', { amount: money(refundableFen) })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('amount')} required inputMode="decimal" {...f.field('amountFen')} />
        <TextField label={t('reason')} required maxLength={500} {...f.field('reason')} />
      </div>
      <p className="mt-3 text-xs text-gray-500">{t('how')}</p>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Td, Th } from '@/components/ui/table';
import { ListShell, type ListState } from '@/components/list/list-shell';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ReasonDialog } from '@/components/money/reason-dialog';
import { InvoiceDialog } from './invoice-dialog';

export type PaymentRow = RouterOutputs['payments']['listPayments']['rows'][number];

/**
 * Payments, refunds and reversals with what may be done to each: reverse a payment (红冲),
 * record its invoice number, approve or reject a refund.
 */
export function PaymentsTable({
  list,
  query,
  showPayer = true,
  refunds = false,
  ...shell
}: {
  list?: ListState;
  query: { isPending: boolean; error: unknown; data?: { rows: PaymentRow[]; total: number } };
  showPayer?: boolean;
  /** the refunds queue: the person column is who asked, the payer cell carries the reason */
  refunds?: boolean;
  empty: ReactNode;
  noMatches?: ReactNode;
  filters?: ReactNode;
  filterGrid?: string;
  searchPlaceholder?: string;
}) {
  const t = useTranslations('cashier.payments');
  const tKind = useTranslations('enums.paymentKind');
  const tMethod = useTranslations('enums.paymentMethod');
  const tStatus = useTranslations('enums.approvalStatus');
  const { slug, role } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const recorder = can(role, 'payments.record');
  const approver = can(role, 'payments.approve');
  const [reversing, setReversing] = useState<PaymentRow | null>(null);
  const [invoicing, setInvoicing] = useState<PaymentRow | null>(null);
  const [deciding, setDeciding] = useState<{ row: PaymentRow; approve: boolean } | null>(null);
  const reverse = useMutation(trpc.payments.reversePayment.mutationOptions());
  const decide = useMutation(trpc.payments.decideRefund.mutationOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() }),
    ]);

  return (
    <>
      <ListShell
        {...shell}
        list={list}
        query={query}
        total={list ? query.data?.total : undefined}
        caption={t('title')}
        head={
          <>
            <Th>{t('enteredAt')}</Th>
            <Th>{t('receiptNo')}</Th>
            {showPayer && <Th>{t('payer')}</Th>}
            <Th>{t('kind')}</Th>
            <Th>{t('method')}</Th>
            <Th className="text-right">{t('amount')}</Th>
            <Th>{t('receivedOn')}</Th>
            <Th>{t('countedOn')}</Th>
            <Th>{refunds ? t('requester') : t('cashier')}</Th>
            <Th>{t('invoiceNo')}</Th>
            {/* relative: the sr-only (absolute) label stays inside the table's scroll box, not widening the page */}
            <Th className="relative">
              <span className="sr-only">{t('actions')}</span>
            </Th>
          </>
        }
        rowKey={(p) => p.id}
        rowTestId="payment-row"
        rowState={(p) => (p.reversed || p.status === 'REJECTED' ? 'dimmed' : undefined)}
        cells={(p) => {
          const negative = p.kind !== 'PAYMENT';
          return (
            <>
              <Td className="whitespace-nowrap tabular-nums">{time.dateTime(p.enteredAt)}</Td>
              <Td className="whitespace-nowrap tabular-nums">
                {p.receiptNo ? (
                  <Link href={`/${slug}/receipts/${p.id}`} className="text-brand-700 hover:underline">
                    {p.receiptNo}
                  </Link>
                ) : (
                  '—'
                )}
              </Td>
              {showPayer && (
                <Td className="min-w-40" data-testid="payment-payer">
                  {p.payer.kind === 'UNIT' ? (
                    <Link href={`/${slug}/units/${p.payer.id}`} className="block text-brand-700 hover:underline">
                      {p.payer.label}
                    </Link>
                  ) : (
                    <span className="block">{p.payer.label}</span>
                  )}
                  {p.payer.name && <span className="block text-xs text-gray-500">{p.payer.name}</span>}
                  {refunds && p.kind === 'REFUND' && p.note && <span className="block text-xs text-gray-600">{t('refundReason', { reason: p.note })}</span>}
                </Td>
              )}
              <Td className="whitespace-nowrap">
                <span className="flex flex-wrap gap-1">
                  <Badge tone={p.kind === 'PAYMENT' ? 'green' : p.kind === 'REVERSAL' ? 'red' : 'blue'}>{tKind(p.kind)}</Badge>
                  {p.reversed && <Badge tone="red">{t('reversedBadge')}</Badge>}
                  {p.refundedFen > 0 && (
                    <Badge tone="red">{p.refundedFen >= p.amountFen ? t('refundedFullBadge') : t('refundedBadge', { amount: money(p.refundedFen) })}</Badge>
                  )}
                  {p.kind === 'REFUND' && (
                    <Badge tone={p.status === 'PENDING' ? 'amber' : p.status === 'APPROVED' ? 'green' : 'gray'}>{tStatus(p.status)}</Badge>
                  )}
                </span>
              </Td>
              <Td className="whitespace-nowrap">{tMethod(p.method)}</Td>
              <Td className={`text-right whitespace-nowrap tabular-nums ${negative ? 'text-red-700' : ''}`}>{money(negative ? -p.amountFen : p.amountFen)}</Td>
              <Td className="whitespace-nowrap tabular-nums">{p.receivedOn}</Td>
              <Td className="whitespace-nowrap tabular-nums">{p.countedOn}</Td>
              <Td className="whitespace-nowrap">{p.cashier.name}</Td>
              <Td className="whitespace-nowrap">{p.invoiceNo ?? '—'}</Td>
              <Td className="whitespace-nowrap">
                <span className="flex justify-end gap-1">
                  {recorder && p.kind === 'PAYMENT' && (
                    <Button size="sm" variant="ghost" onClick={() => setInvoicing(p)}>
                      {p.invoiceNo ? t('editInvoice') : t('addInvoice')}
                    </Button>
                  )}
                  {recorder && p.kind === 'PAYMENT' && p.method !== 'ONLINE' && !p.reversed && (
                    <Button size="sm" variant="danger" onClick={() => setReversing(p)}>
                      {t('reverse')}
                    </Button>
                  )}
                  {approver && p.kind === 'REFUND' && p.status === 'PENDING' && (
                    <>
                      <Button size="sm" onClick={() => setDeciding({ row: p, approve: true })}>
                        {t('approve')}
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => setDeciding({ row: p, approve: false })}>
                        {t('reject')}
                      </Button>
                    </>
                  )}
                </span>
              </Td>
            </>
          );
        }}
      />
      <ReasonDialog
        open={!!reversing}
        onClose={() => setReversing(null)}
        title={t('reverseTitle', { receiptNo: reversing?.receiptNo ?? '' })}
        description={reversing && t('reverseBody', { amount: money(reversing.amountFen), payer: reversing.payer.label })}
        confirmLabel={t('reverse')}
        onConfirm={async (reason) => {
          await reverse.mutateAsync({ tenant: slug, paymentId: reversing!.id, reason });
          await refresh();
        }}
      />
      <ReasonDialog
        open={!!deciding}
        onClose={() => setDeciding(null)}
        title={deciding?.approve ? t('approveTitle') : t('rejectTitle')}
        description={deciding && t('refundBody', { amount: money(deciding.row.amountFen), payer: deciding.row.payer.label, reason: deciding.row.note })}
        confirmLabel={deciding?.approve ? t('approve') : t('reject')}
        danger={!deciding?.approve}
        reasonRequired={false}
        reasonLabel={t('decisionNote')}
        onConfirm={async (note) => {
          await decide.mutateAsync({ tenant: slug, id: deciding!.row.id, approve: deciding!.approve, ...(note ? { note } : {}) });
          await refresh();
        }}
      />
      <InvoiceDialog row={invoicing} onClose={() => setInvoicing(null)} />
    </>
  );
}

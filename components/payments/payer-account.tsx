'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Loading } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { BillStatusBadge } from '@/components/money/bill-status-badge';
import { useServerError } from '@/components/forms/use-server-error';
import { PaymentForm, type Recorded } from './payment-form';
import { RecordedPanel } from './cashier-desk';
import { PayerPayments } from './payer-payments';
import { usePayerOpenBills } from './use-payer-open-bills';
import type { PayerRef } from './payer';

type Kind = 'REGULAR' | 'CORRECTION' | 'LATE_FEE' | 'ONE_OFF';

/**
 * A payer's account on its own page (a unit, a parking space): what it owes, its credit and the
 * balance, late fees, its bills (unsettled first, each linking to the bill), adjustments and
 * payments with their receipts; cashiers and admins take a payment here with the desk's form.
 */
export function PayerAccount({ payer }: { payer: PayerRef }) {
  const t = useTranslations('cashier.account');
  const tb = useTranslations('billing.bills');
  const tKind = useTranslations('enums.billKind');
  const tAdj = useTranslations('enums.adjustmentKind');
  const tApproval = useTranslations('enums.approvalStatus');
  const { slug, role } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const account = useQuery(trpc.payments.getPayerAccount.queryOptions({ tenant: slug, payer }));
  const [paying, setPaying] = useState(false);
  const cashier = can(role, 'payments.record');

  if (account.isPending) return <Loading label={t('loading')} />;
  if (account.error) return <Alert tone="error">{errorText(account.error)}</Alert>;
  const a = account.data;
  const lateFeeBills = a.bills.filter((b) => b.kind === 'LATE_FEE' && !b.voidedAt);
  const accruing = a.bills.filter((b) => b.lateFeeAccruedFen > 0);

  return (
    <div className="space-y-5" data-testid="payer-account">
      <Card
        title={t('title')}
        actions={
          cashier && (
            <Button onClick={() => setPaying(true)} data-testid="take-payment">
              {t('takePayment')}
            </Button>
          )
        }
      >
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Figure label={t('outstanding')} value={money(a.outstandingFen)} testId="account-outstanding" tone={a.outstandingFen > 0 ? 'red' : undefined} />
          <Figure label={t('credit')} value={money(a.creditFen)} testId="account-credit" />
          <Figure
            label={t('balance')}
            value={money(a.balanceFen)}
            testId="account-balance"
            tone={a.balanceFen < 0 ? 'red' : undefined}
            hint={t('balanceHint')}
          />
          <Figure
            label={t('lateFees')}
            value={money(a.lateFeeOutstandingFen + a.lateFeeAccruedFen)}
            hint={t('lateFeesHint', { charged: money(a.lateFeeOutstandingFen), accrued: money(a.lateFeeAccruedFen) })}
          />
        </dl>
        {a.pendingRefundFen > 0 && <p className="mt-3 text-sm text-gray-600">{t('pendingRefunds', { amount: money(a.pendingRefundFen) })}</p>}
      </Card>

      <Card title={t('bills', { open: a.openBills, total: a.billsTotal })}>
        <Table caption={t('billsCaption')}>
          <THead>
            <Th>{tb('columns.period')}</Th>
            <Th>{tb('columns.item')}</Th>
            <Th className="text-right">{tb('columns.amount')}</Th>
            <Th className="text-right">{tb('columns.paid')}</Th>
            <Th className="text-right">{tb('columns.outstanding')}</Th>
            <Th>{tb('columns.due')}</Th>
            <Th>{tb('columns.status')}</Th>
          </THead>
          <TBody>
            {a.bills.length === 0 && <TableMessage colSpan={7}>{t('noBills')}</TableMessage>}
            {a.bills.map((b) => (
              <Tr key={b.id} data-testid="account-bill" className={cn(b.status === 'VOID' && 'text-gray-500')}>
                <Td className="whitespace-nowrap tabular-nums">
                  <Link href={`/${slug}/bills/${b.id}`} className="font-medium text-brand-700 hover:underline">
                    {b.period}
                  </Link>
                </Td>
                <Td className="min-w-28">
                  <Link href={`/${slug}/bills/${b.id}`} className="text-brand-700 hover:underline">
                    {b.feeItemName ?? b.description}
                  </Link>
                  {b.kind !== 'REGULAR' && (
                    <span className="ml-1">
                      <Badge tone="blue">{tKind(b.kind as Kind)}</Badge>
                    </span>
                  )}
                  {b.objectKind === 'PARKING' && payer.kind === 'UNIT' && <span className="block text-xs text-gray-500">{b.label}</span>}
                </Td>
                <Td className="text-right whitespace-nowrap tabular-nums">{money(b.amountFen)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {money(b.paidFen)}
                  {b.adjustedFen > 0 && <span className="block text-xs text-gray-500">{tb('adjusted', { amount: money(b.adjustedFen) })}</span>}
                </Td>
                <Td className="text-right font-medium whitespace-nowrap tabular-nums">{money(b.outstandingFen)}</Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {b.dueDate}
                  {b.daysOverdue > 0 && <span className="block text-xs text-red-700">{tb('overdueDays', { days: b.daysOverdue })}</span>}
                </Td>
                <Td>
                  <BillStatusBadge status={b.status} overdue={b.daysOverdue > 0} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        {a.billsTotal > a.bills.length && payer.kind === 'UNIT' && (
          <p className="mt-2 text-sm">
            <Link href={`/${slug}/bills?unitId=${payer.id}`} className="text-brand-700 hover:underline">
              {t('allBills', { total: a.billsTotal })}
            </Link>
          </p>
        )}
      </Card>

      <Card title={t('lateFeesTitle')}>
        {lateFeeBills.length === 0 && accruing.length === 0 ? (
          <p className="text-sm text-gray-600">{t('noLateFees')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {lateFeeBills.map((b) => (
              <li key={b.id}>
                <Link href={`/${slug}/bills/${b.id}`} className="text-brand-700 hover:underline">
                  {t('lateFeeCharged', { description: b.description || tKind('LATE_FEE'), amount: money(b.amountFen) })}
                </Link>
                {b.outstandingFen > 0 && <span className="ml-1 text-red-700">{t('lateFeeOwed', { amount: money(b.outstandingFen) })}</span>}
              </li>
            ))}
            {accruing.map((b) => (
              <li key={b.id}>
                <Link href={`/${slug}/bills/${b.id}`} className="text-brand-700 hover:underline">
                  {t('lateFeeAccrued', { item: b.feeItemName ?? b.description, period: b.period, amount: money(b.lateFeeAccruedFen) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('adjustments')}>
        <Table caption={t('adjustments')}>
          <THead>
            <Th>{t('requestedAt')}</Th>
            <Th>{t('bill')}</Th>
            <Th>{t('adjustmentKind')}</Th>
            <Th className="text-right">{tb('columns.amount')}</Th>
            <Th>{tb('columns.status')}</Th>
            <Th>{t('reason')}</Th>
          </THead>
          <TBody>
            {a.adjustments.length === 0 && <TableMessage colSpan={6}>{t('noAdjustments')}</TableMessage>}
            {a.adjustments.map((x) => (
              <Tr key={x.id} data-testid="account-adjustment">
                <Td className="whitespace-nowrap tabular-nums">{time.dateTime(x.requestedAt)}</Td>
                <Td className="whitespace-nowrap">
                  <Link href={`/${slug}/bills/${x.bill.id}`} className="text-brand-700 hover:underline">
                    {x.bill.name} {x.bill.period}
                  </Link>
                </Td>
                <Td className="whitespace-nowrap">{tAdj(x.kind)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">{money(x.amountFen)}</Td>
                <Td className="whitespace-nowrap">{tApproval(x.status)}</Td>
                <Td className="min-w-40">{x.reason}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>

      <PayerPayments payer={payer} />

      {cashier && (
        <Dialog open={paying} onClose={() => setPaying(false)} title={t('takePaymentTitle', { payer: a.payer.label })} wide>
          {paying && <TakePayment payer={payer} creditFen={a.creditFen} onDone={() => setPaying(false)} />}
        </Dialog>
      )}
    </div>
  );
}

/** The desk's payment form for this payer, then what was recorded (receipt, counted-on day). */
function TakePayment({ payer, creditFen, onDone }: { payer: PayerRef; creditFen: number; onDone: () => void }) {
  const t = useTranslations('cashier.account');
  const bills = usePayerOpenBills(payer);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  if (recorded) return <RecordedPanel r={recorded} onNext={onDone} nextLabel={t('done')} />;
  return (
    <>
      {bills.error && (
        <Alert tone="warning" className="mb-3">
          {bills.error}
        </Alert>
      )}
      <PaymentForm payer={payer} bills={bills.rows} creditFen={creditFen} onRecorded={setRecorded} />
    </>
  );
}

function Figure({ label, value, testId, tone, hint }: { label: string; value: string; testId?: string; tone?: 'red'; hint?: string }) {
  return (
    <div>
      <dt className="text-gray-500">{label}</dt>
      <dd className={cn('mt-0.5 text-lg font-semibold tabular-nums text-gray-900', tone === 'red' && 'text-red-700')} data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-gray-500">{hint}</dd>}
    </div>
  );
}

'use client';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Card, Page } from '@/components/ui/card';
import { Button, ButtonLink } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { Loading } from '@/components/ui/empty-state';
import { PayerSearch } from './payer-search';
import { PaymentForm, type Recorded } from './payment-form';
import { RefundRequestForm } from './refund-request-form';
import { PayerPayments } from './payer-payments';
import { usePayerOpenBills } from './use-payer-open-bills';
import { newIdempotencyKey } from './idempotency-key';
import { payerQuery, type PayerRef } from './payer';
import { useServerError } from '@/components/forms/use-server-error';

/**
 * 收银台: find the payer, see what they owe and their credit, take the money, print the
 * receipt. The chosen payer lives in the URL (?unit= / ?parking=) so a bill page can link here.
 */
export function CashierDesk({ initialPayer }: { initialPayer: PayerRef | null }) {
  const t = useTranslations('cashier.desk');
  const { slug } = useTenant();
  const router = useRouter();
  const [payer, setPayer] = useState<PayerRef | null>(initialPayer);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  // Picked in the search (click or Enter): the amount field takes the focus once the form is there.
  const [picked, setPicked] = useState(false);

  const pick = (p: PayerRef | null) => {
    setPayer(p);
    setPicked(!!p);
    setRecorded(null);
    router.replace(p ? `/${slug}/cashier?${payerQuery(p)}` : `/${slug}/cashier`, { scroll: false });
  };

  return (
    <Page
      title={t('title')}
      description={t('description')}
      actions={
        <>
          <ButtonLink href={`/${slug}/payments`} variant="secondary">
            {t('allPayments')}
          </ButtonLink>
          <ButtonLink href={`/${slug}/day-close`} variant="secondary">
            {t('dayClose')}
          </ButtonLink>
        </>
      }
    >
      {!payer ? (
        <Card title={t('findPayer')}>
          <PayerSearch onPick={pick} />
        </Card>
      ) : (
        <PayerDesk
          key={`${payer.kind}:${payer.id}`}
          payer={payer}
          onChange={() => pick(null)}
          recorded={recorded}
          onRecorded={setRecorded}
          focusAmount={picked}
        />
      )}
    </Page>
  );
}

function PayerDesk({
  payer,
  onChange,
  recorded,
  onRecorded,
  focusAmount,
}: {
  payer: PayerRef;
  onChange: () => void;
  recorded: Recorded | null;
  onRecorded: (r: Recorded | null) => void;
  focusAmount: boolean;
}) {
  const t = useTranslations('cashier.desk');
  const { slug, role } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const credit = useQuery(trpc.payments.getCreditBalance.queryOptions({ tenant: slug, payer }));
  const bills = usePayerOpenBills(payer);
  const [refunding, setRefunding] = useState(false);
  const [creditError, setCreditError] = useState<string | null>(null);
  const applyCredit = useMutation(trpc.payments.applyCredit.mutationOptions());
  const [creditKey, setCreditKey] = useState(newIdempotencyKey);
  const ready = !credit.isPending && !credit.error;
  useEffect(() => {
    if (focusAmount && ready) document.querySelector<HTMLInputElement>(AMOUNT_FIELD)?.focus();
  }, [focusAmount, ready]);

  if (credit.isPending) return <Loading label={t('loading')} />;
  if (credit.error) return <Alert tone="error">{errorText(credit.error)}</Alert>;
  const c = credit.data;
  const owed = bills.rows?.reduce((s, b) => s + b.outstandingFen, 0) ?? null;

  async function useCreditNow() {
    setCreditError(null);
    try {
      const r = await applyCredit.mutateAsync({ tenant: slug, payer, idempotencyKey: creditKey });
      setCreditKey(newIdempotencyKey());
      await queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      onRecorded(r);
    } catch (e) {
      setCreditError(errorText(e));
    }
  }

  return (
    <div className="space-y-5">
      <Card
        title={c.payer.label}
        actions={
          <>
            <ButtonLink href={c.payer.kind === 'UNIT' ? `/${slug}/units/${c.payer.id}` : `/${slug}/parking/${c.payer.id}`} variant="secondary" size="sm">
              {c.payer.kind === 'UNIT' ? t('openUnit') : t('openSpace')}
            </ButtonLink>
            <Button variant="secondary" size="sm" onClick={onChange}>
              {t('changePayer')}
            </Button>
          </>
        }
      >
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-gray-500">{c.payer.kind === 'UNIT' ? t('household') : t('renter')}</dt>
            <dd className="mt-0.5 font-medium">{c.payer.name || '—'}</dd>
          </div>
          <div>
            <dt className="text-gray-500">{t('owed')}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums text-gray-900" data-testid="payer-owed">
              {owed == null ? '—' : money(owed)}
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t('credit')}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums text-brand-700" data-testid="payer-credit">
              {money(c.balanceFen)}
            </dd>
          </div>
          <div>
            <dt className="text-gray-500">{t('pendingRefunds')}</dt>
            <dd className="mt-0.5 font-medium tabular-nums">{money(c.pendingRefundFen)}</dd>
          </div>
        </dl>
        {c.balanceFen > 0 && (
          <div className="mt-3 flex flex-wrap gap-2 border-t border-gray-100 pt-3">
            {(bills.rows?.length ?? 1) > 0 && (
              <Button variant="secondary" size="sm" onClick={useCreditNow} pending={applyCredit.isPending}>
                {t('applyCredit')}
              </Button>
            )}
            {c.availableFen > 0 && (
              <Button variant="secondary" size="sm" onClick={() => setRefunding(true)}>
                {t('requestRefund')}
              </Button>
            )}
          </div>
        )}
        {creditError && (
          <Alert tone="error" className="mt-3">
            {creditError}
          </Alert>
        )}
      </Card>

      {recorded && <RecordedPanel r={recorded} onNext={() => onRecorded(null)} />}

      {!recorded && (
        <Card title={t('takePayment')}>
          {bills.error && (
            <Alert tone="warning" className="mb-3">
              {bills.error}
            </Alert>
          )}
          <PaymentForm payer={payer} bills={bills.rows} creditFen={c.balanceFen} onRecorded={onRecorded} />
        </Card>
      )}

      <PayerPayments payer={payer} />

      {can(role, 'payments.record') && (
        <Dialog open={refunding} onClose={() => setRefunding(false)} title={t('requestRefund')}>
          {refunding && (
            <RefundRequestForm payer={payer} availableFen={c.availableFen} onDone={() => setRefunding(false)} onCancel={() => setRefunding(false)} />
          )}
        </Dialog>
      )}
    </div>
  );
}

/** The payment form's amount (yuan) field. */
const AMOUNT_FIELD = '[data-testid="payment-form"] input[inputmode="decimal"]';

/** What was just recorded: receipt, bills, credit, and the day it counts on when its day was closed. Also on a unit's page. */
export function RecordedPanel({ r, onNext, nextLabel }: { r: Recorded; onNext: () => void; nextLabel?: string }) {
  const t = useTranslations('cashier.desk');
  const { slug } = useTenant();
  const money = useMoney();
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-4" role="status" data-testid="payment-recorded">
      <p className="font-semibold text-brand-700">{t('recorded', { receiptNo: r.receiptNo, amount: money(r.amountFen) })}</p>
      <ul className="mt-1 text-sm text-gray-700">
        <li>{t('recordedBills', { count: r.allocations.length })}</li>
        {r.creditUsedFen > 0 && <li>{t('recordedCreditUsed', { amount: money(r.creditUsedFen) })}</li>}
        {r.creditAddedFen > 0 && <li>{t('recordedCreditAdded', { amount: money(r.creditAddedFen) })}</li>}
        {r.countedOn !== r.receivedOn && (
          <li className="font-medium text-amber-800" data-testid="counted-on">
            {t('recordedCountedOn', { received: r.receivedOn, day: r.countedOn })}
          </li>
        )}
      </ul>
      <div className="mt-3 flex flex-wrap gap-2">
        <ButtonLink href={`/${slug}/receipts/${r.id}?print=1`}>{t('printReceipt')}</ButtonLink>
        <ButtonLink href={`/${slug}/receipts/${r.id}`} variant="secondary">
          {t('viewReceipt')}
        </ButtonLink>
        <Button variant="secondary" onClick={onNext}>
          {nextLabel ?? t('nextPayment')}
        </Button>
        <a href={`/api/receipts/${r.id}/pdf?tenant=${slug}`} className="self-center text-sm text-brand-700 hover:underline">
          PDF
        </a>
      </div>
    </div>
  );
}

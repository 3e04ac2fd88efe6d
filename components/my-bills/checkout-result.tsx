'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Loading } from '@/components/ui/empty-state';
import { useServerError } from '@/components/forms/use-server-error';
import { CheckoutLines } from './checkout-lines';
import { useCheckout } from './pay-online';

type Intent = RouterOutputs['onlinePayments']['getCheckout'];

/** How often the page asks again while the payment is not confirmed (the webhook records it). */
const POLL_MS = 2000;

/**
 * Where Checkout sends the resident back: "processing" until the payment is recorded (the
 * webhook, not this page, records it), then the receipt; a failed, declined, expired or
 * abandoned attempt says so (the bills stay open) and offers to pay again.
 * `cancelled`: Checkout's cancel link brought them back (the attempt is still open at Stripe).
 */
export function CheckoutResult({ intentId, cancelled }: { intentId: string; cancelled: boolean }) {
  const t = useTranslations('myBills.checkout');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const q = useQuery({
    ...trpc.onlinePayments.getCheckout.queryOptions({ tenant: slug, intentId }),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'OPEN' || s === 'PROCESSING' ? (cancelled && s === 'OPEN' ? false : POLL_MS) : false;
    },
  });

  return (
    <div className="mx-auto max-w-xl space-y-4" data-testid="checkout-result">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-lg font-semibold text-gray-900">{t('title')}</h1>
        <Link href={`/${slug}/my-bills`} className="text-sm text-brand-700 hover:underline">
          {t('bills')}
        </Link>
      </div>
      {q.error && <Alert tone="error">{errorText(q.error)}</Alert>}
      {q.isPending && <Loading label={t('loading')} />}
      {q.data && <Outcome intent={q.data} cancelled={cancelled} />}
    </div>
  );
}

function Outcome({ intent, cancelled }: { intent: Intent; cancelled: boolean }) {
  const t = useTranslations('myBills.checkout');
  const failed = intent.status === 'FAILED' || intent.status === 'EXPIRED' || (intent.status === 'OPEN' && cancelled);
  const box = 'rounded-xl border border-gray-200 bg-white p-4 shadow-sm';
  if (intent.status === 'SUCCEEDED') return <Paid intent={intent} />;
  if (failed)
    return (
      <section className={box} data-testid="checkout-failed" data-status={intent.status}>
        <Alert tone="error" title={t('failedTitle')}>
          {t(intent.status === 'EXPIRED' ? 'expiredBody' : intent.purpose === 'TOP_UP' ? 'failedTopUpBody' : 'failedBody')}
        </Alert>
        <div className="mt-4">
          <CheckoutLines intent={intent} />
        </div>
        <PayAgain intent={intent} />
      </section>
    );
  return (
    <section className={box} data-testid="checkout-processing" data-status={intent.status}>
      <div className="flex items-center gap-3" role="status" aria-live="polite">
        <span className="size-5 shrink-0 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden />
        <div>
          <p className="font-semibold text-gray-900">{t('processing')}</p>
          <p className="text-sm text-gray-600">{t('processingBody')}</p>
        </div>
      </div>
      <div className="mt-4">
        <CheckoutLines intent={intent} />
      </div>
    </section>
  );
}

function Paid({ intent }: { intent: Intent }) {
  const t = useTranslations('myBills.checkout');
  const { slug } = useTenant();
  const money = useMoney();
  return (
    <section className="rounded-xl border border-brand-100 bg-white p-4 shadow-sm" data-testid="checkout-paid">
      <Alert tone="success" title={t('paidTitle')}>
        {t(intent.purpose === 'TOP_UP' ? 'paidTopUpBody' : 'paidBody', { amount: money(intent.amountFen) })}
      </Alert>
      {intent.receiptNo && (
        <p className="mt-4 flex items-baseline justify-between gap-2 text-sm">
          <span className="text-gray-500">{t('receiptNo')}</span>
          <span className="font-semibold tabular-nums" data-testid="checkout-receipt-no">
            {intent.receiptNo}
          </span>
        </p>
      )}
      <div className="mt-3">
        <CheckoutLines intent={intent} />
      </div>
      {intent.paymentId && (
        <div className="mt-4 flex flex-wrap gap-2">
          <ButtonLink href={`/${slug}/receipts/${intent.paymentId}`} className="flex-1" data-testid="checkout-receipt-link">
            {t('viewReceipt')}
          </ButtonLink>
          <a
            href={`/api/receipts/${intent.paymentId}/pdf?tenant=${slug}`}
            className="inline-flex h-10 flex-1 items-center justify-center rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800 shadow-sm hover:bg-gray-50"
          >
            {t('pdf')}
          </a>
        </div>
      )}
    </section>
  );
}

/** 重新支付: a new attempt for the same bills (those still open) or the same top-up. */
function PayAgain({ intent }: { intent: Intent }) {
  const t = useTranslations('myBills.checkout');
  const checkout = useCheckout();
  const billIds = [...new Set(intent.lines.filter((l) => !l.lateFee).map((l) => l.billId))];
  return (
    <div className="mt-4 space-y-2">
      {checkout.error && <Alert tone="error">{checkout.error}</Alert>}
      <Button
        className="w-full"
        pending={checkout.pending}
        data-testid="pay-again"
        onClick={() => checkout.start(intent.purpose === 'TOP_UP' ? { topUpFen: intent.amountFen } : { billIds })}
      >
        {t('payAgain')}
      </Button>
      {checkout.sheet}
    </div>
  );
}

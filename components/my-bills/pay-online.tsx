'use client';
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterInputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { ZTopUpForm } from '@/server/shared/schemas/my-bills';
import { CheckoutLines } from './checkout-lines';

// A resident pays online: ticked bills, everything due, or a top-up (预存). The amounts are the
// server's: startCheckout builds the attempt (its lines, accrued late fees itemized, from the
// database), and the sheet shows exactly those lines before the resident leaves for Checkout.

type Start = Omit<RouterInputs['onlinePayments']['startCheckout'], 'tenant'>;

/** Sends the browser to Checkout (the provider's hosted page). */
function goTo(url: string) {
  window.location.assign(url);
}

/**
 * Starting a checkout: `start(what)` asks the server for the attempt (lines and amounts from the
 * database) and opens the sheet that lists them; its Pay goes to Checkout.
 */
export function useCheckout() {
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const mutation = useMutation(trpc.onlinePayments.startCheckout.mutationOptions());
  const [started, setStarted] = useState<{ intentId: string; checkoutUrl: string } | null>(null);
  return {
    start: (what: Start) => {
      mutation.reset();
      mutation.mutate({ tenant: slug, ...what } as RouterInputs['onlinePayments']['startCheckout'], { onSuccess: (r) => setStarted(r) });
    },
    pending: mutation.isPending,
    error: mutation.error ? errorText(mutation.error) : null,
    sheet: <CheckoutSheet started={started} onClose={() => setStarted(null)} />,
  };
}

function CheckoutSheet({ started, onClose }: { started: { intentId: string; checkoutUrl: string } | null; onClose: () => void }) {
  const t = useTranslations('myBills.online');
  return (
    <Dialog open={started !== null} onClose={onClose} title={t('confirmTitle')}>
      {started && <StartedCheckout started={started} />}
    </Dialog>
  );
}

function StartedCheckout({ started }: { started: { intentId: string; checkoutUrl: string } }) {
  const t = useTranslations('myBills.online');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const intent = useQuery(trpc.onlinePayments.getCheckout.queryOptions({ tenant: slug, intentId: started.intentId }));
  const [leaving, setLeaving] = useState(false);
  if (intent.error) return <Alert tone="error">{errorText(intent.error)}</Alert>;
  if (!intent.data) return <Loading label={t('preparing')} />;
  return (
    <div className="space-y-4" data-testid="checkout-sheet">
      <CheckoutLines intent={intent.data} />
      <p className="text-xs text-gray-500">{t('redirectHint')}</p>
      <Button
        className="w-full"
        pending={leaving}
        data-testid="go-to-checkout"
        onClick={() => {
          setLeaving(true);
          goTo(started.checkoutUrl);
        }}
      >
        {t('goPay')}
      </Button>
    </div>
  );
}

/** 预存: the resident tops up their credit by an amount they type. */
export function TopUpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('myBills.online');
  return (
    <Dialog open={open} onClose={onClose} title={t('topUpTitle')}>
      {open && <TopUpForm onCancel={onClose} />}
    </Dialog>
  );
}

function TopUpForm({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations('myBills.online');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const start = useMutation(trpc.onlinePayments.startCheckout.mutationOptions());
  const f = useServerForm(ZTopUpForm, {
    defaultValues: { topUpFen: '' },
    onSubmit: async (values) => {
      const r = await start.mutateAsync({ tenant: slug, topUpFen: values.topUpFen });
      goTo(r.checkoutUrl);
      // stays pending while the browser leaves
      await new Promise(() => {});
    },
  });
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} data-testid="top-up-form">
      <p className="mb-3 text-sm text-gray-600">{t('topUpBody')}</p>
      <TextField label={t('topUpAmount')} required inputMode="decimal" autoComplete="off" {...f.field('topUpFen')} />
      <FormActions submitLabel={t('topUpSubmit')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}

/** Ticked bills: how many, their total as listed (outstanding plus late fees accrued to today), Pay. */
export function PayBar({
  count,
  totalFen,
  lateFeeFen,
  pending,
  onPay,
  onClear,
}: {
  count: number;
  totalFen: number;
  lateFeeFen: number;
  pending: boolean;
  onPay: () => void;
  onClear: () => void;
}) {
  const t = useTranslations('myBills.online');
  const money = useMoney();
  if (count === 0) return null;
  return (
    <div
      className="sticky bottom-0 z-10 -mx-4 border-t border-gray-200 bg-white/95 px-4 py-3 shadow-[0_-2px_6px_rgba(0,0,0,0.05)] backdrop-blur sm:mx-0 sm:rounded-xl sm:border"
      data-testid="pay-bar"
    >
      <div className="flex items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs text-gray-500">{t('selected', { count })}</p>
          <p className="text-lg font-semibold tabular-nums" data-testid="pay-bar-total">
            {money(totalFen)}
          </p>
          {lateFeeFen > 0 && <p className="text-xs text-gray-600">{t('includesLateFee', { amount: money(lateFeeFen) })}</p>}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Button variant="ghost" size="sm" onClick={onClear}>
            {t('clear')}
          </Button>
          <Button onClick={onPay} pending={pending} data-testid="pay-selected">
            {t('paySelected')}
          </Button>
        </div>
      </div>
    </div>
  );
}

type SelectableBill = { id: string; status: string; outstandingFen: number; accruedLateFeeFen: number };

/** The ticked bills (kept across filters and pages) and what they add up to as listed. */
export function useBillSelection<B extends SelectableBill>() {
  const [selected, setSelected] = useState<ReadonlyMap<string, B>>(new Map());
  const bills = [...selected.values()];
  return {
    payable: (b: B) => b.status !== 'VOID' && b.outstandingFen > 0,
    isSelected: (b: B) => selected.has(b.id),
    toggle: (b: B, on: boolean) =>
      setSelected((s) => {
        const next = new Map(s);
        if (on) next.set(b.id, b);
        else next.delete(b.id);
        return next;
      }),
    clear: () => setSelected(new Map()),
    ids: bills.map((b) => b.id),
    count: bills.length,
    lateFeeFen: bills.reduce((s, b) => s + b.accruedLateFeeFen, 0),
    totalFen: bills.reduce((s, b) => s + b.outstandingFen + b.accruedLateFeeFen, 0),
  };
}

/** The summary card's actions when the company takes online payment: pay all due, top up. */
export function OnlineActions({ owedFen, onPayAll, pending }: { owedFen: number; onPayAll: () => void; pending: boolean }) {
  const t = useTranslations('myBills.online');
  const [topUp, setTopUp] = useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      {owedFen > 0 && (
        <Button onClick={onPayAll} pending={pending} data-testid="pay-all">
          {t('payAll')}
        </Button>
      )}
      <Button variant="secondary" onClick={() => setTopUp(true)} data-testid="top-up">
        {t('topUp')}
      </Button>
      <TopUpDialog open={topUp} onClose={() => setTopUp(false)} />
    </div>
  );
}

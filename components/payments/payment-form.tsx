'use client';
import { useMemo, useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZRecordPaymentForm } from '@/server/shared/schemas/payments';
import { fenToYuanText, yuanToFen } from '@/server/shared/money-input';
import { localDate } from '@/server/shared/calendar';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { ServerForm } from '@/components/forms/server-form';
import { FormError } from '@/components/forms/form-error';
import { useServerForm } from '@/components/forms/use-server-form';
import { OfflineMethodField } from './method-field';
import type { PayerRef } from './payer';
import { newIdempotencyKey } from './idempotency-key';

/** `lateFeeFen`: the late fee accrued as of today and not yet charged (server: late-fee-charges.ts); this payment materializes it. */
export type OpenBill = { id: string; name: string; period: string; dueDate: string; outstandingFen: number; daysOverdue: number; lateFeeFen: number };
export type Recorded = RouterOutputs['payments']['recordPayment'];

/**
 * An offline payment for one payer: method, amount in yuan, the day the money was received
 * (default today in the company's time zone), and the bills it pays: the ones ticked, in the
 * order ticked, or else the oldest first.
 */
export function PaymentForm({
  payer,
  bills,
  creditFen,
  onRecorded,
}: {
  payer: PayerRef;
  bills: OpenBill[] | null;
  creditFen: number;
  onRecorded: (r: Recorded) => void;
}) {
  const t = useTranslations('cashier.payment');
  const { slug, timeZone } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = localDate(timeZone);

  const [chosen, setChosen] = useState<string[]>([]);
  const record = useMutation(trpc.payments.recordPayment.mutationOptions());
  // One key per submission: kept while the cashier retries, renewed once it is recorded.
  const [submissionKey, setSubmissionKey] = useState(newIdempotencyKey);
  const f = useServerForm(ZRecordPaymentForm, {
    defaultValues: { method: 'CASH', amountFen: '', receivedOn: today, useCredit: false, note: '' },
    onSubmit: async (values, form) => {
      const r = await record.mutateAsync({ tenant: slug, payer, ...values, ...(chosen.length ? { billIds: chosen } : {}), idempotencyKey: submissionKey });
      setSubmissionKey(newIdempotencyKey());
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() }),
      ]);
      // The method and the day stay for the next payer.
      form.reset({ ...form.getValues(), amountFen: '', useCredit: false, note: '' });
      setChosen([]);
      onRecorded(r);
    },
  });
  const useCredit = f.form.watch('useCredit');
  // Where this payment will count, said before it is taken (a closed day moves it; DOMAIN.md).
  const receivedOn = String(f.form.watch('receivedOn') ?? '');
  const status = useQuery({
    ...trpc.payments.getDayStatus.queryOptions({ tenant: slug, day: receivedOn }),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) && receivedOn <= today,
  });

  const due = useMemo(() => {
    const list = bills ?? [];
    const picked = chosen.length ? list.filter((b) => chosen.includes(b.id)) : list;
    return picked.reduce((s, b) => s + b.outstandingFen + b.lateFeeFen, 0);
  }, [bills, chosen]);
  const lateFees = (bills ?? []).some((b) => b.lateFeeFen > 0);
  const amountFen = yuanToFen(String(f.form.watch('amountFen') ?? ''));
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    // The server's refusal shows beside the submit button, where the cashier is (a long bill list
    // would put a top-of-form message out of sight, under the sticky header).
    <ServerForm onSubmit={f.submit} formError={null} data-testid="payment-form" className="space-y-4">
      {bills && bills.length > 0 && (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-gray-700">{t('bills')}</legend>
          <p className="mb-2 text-xs text-gray-500">{t('billsHint')}</p>
          <Table caption={t('bills')}>
            <THead>
              <Th className="w-10">
                <span className="sr-only">{t('choose')}</span>
              </Th>
              <Th>{t('item')}</Th>
              <Th>{t('period')}</Th>
              <Th>{t('dueDate')}</Th>
              <Th className="text-right">{t('outstanding')}</Th>
            </THead>
            <TBody>
              {bills.map((b) => {
                const order = chosen.indexOf(b.id);
                return (
                  <Tr key={b.id} data-testid="open-bill">
                    <Td>
                      <input
                        type="checkbox"
                        className="size-4 accent-brand-600"
                        aria-label={t('chooseBill', { name: b.name, period: b.period })}
                        checked={order >= 0}
                        onChange={() => toggle(b.id)}
                      />
                      {order >= 0 && chosen.length > 1 && <span className="ml-1 text-xs text-gray-500">{order + 1}</span>}
                    </Td>
                    <Td>
                      <Link href={`/${slug}/bills/${b.id}`} className="text-brand-700 hover:underline">
                        {b.name}
                      </Link>
                    </Td>
                    <Td className="tabular-nums">{b.period}</Td>
                    <Td className={cn('tabular-nums', b.daysOverdue > 0 && 'text-red-700')}>
                      {b.dueDate}
                      {b.daysOverdue > 0 && <span className="ml-1 text-xs">({t('overdueDays', { days: b.daysOverdue })})</span>}
                    </Td>
                    <Td className="text-right tabular-nums">
                      {money(b.outstandingFen)}
                      {b.lateFeeFen > 0 && <span className="block text-xs text-red-700">{t('lateFeeAccrued', { amount: money(b.lateFeeFen) })}</span>}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          {lateFees && <p className="mt-1 text-xs text-gray-500">{t('lateFeeNote')}</p>}
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>
              {chosen.length ? t('dueChosen', { count: chosen.length }) : t('dueAll')}: <strong className="tabular-nums">{money(due)}</strong>
            </span>
            {due > 0 && (
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  f.form.setValue('amountFen', fenToYuanText(Math.max(0, due - (useCredit ? creditFen : 0))), {
                    shouldDirty: true,
                    shouldValidate: f.form.formState.isSubmitted,
                  })
                }
              >
                {t('fillAmount')}
              </Button>
            )}
          </div>
        </fieldset>
      )}
      {bills && bills.length === 0 && <p className="text-sm text-gray-600">{t('noOpenBills')}</p>}
      <div className="grid gap-4 sm:grid-cols-3">
        <OfflineMethodField label={t('method')} {...f.field('method')} />
        <TextField
          label={t('amount')}
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          hint={amountFen != null && amountFen > 0 ? money(amountFen) : t('amountHint')}
          {...f.field('amountFen')}
        />
        <TextField label={t('receivedOn')} required type="date" max={today} {...f.field('receivedOn')} />
      </div>
      {creditFen > 0 && <Checkbox label={t('useCredit', { credit: money(creditFen) })} {...f.form.register('useCredit')} />}
      <TextField label={t('note')} maxLength={500} {...f.field('note')} />
      {amountFen != null && due > 0 && amountFen > due && <p className="text-sm text-amber-800">{t('overpay', { credit: money(amountFen - due) })}</p>}
      {status.data?.periodClosed && (
        <Alert tone="warning" data-testid="counts-on">
          {t('periodClosed', { period: receivedOn.slice(0, 7) })}
        </Alert>
      )}
      {status.data?.countedOn && status.data.countedOn !== receivedOn && (
        <Alert tone="warning" data-testid="counts-on">
          {t('countsOn', { received: receivedOn, day: status.data.countedOn })}
        </Alert>
      )}
      <FormError message={f.errors.formError} />
      <div className="flex justify-end">
        <Button type="submit" pending={f.pending}>
          {t('submit')}
        </Button>
      </div>
    </ServerForm>
  );
}

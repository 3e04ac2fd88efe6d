'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { DIMMED, ListShell } from '@/components/list/list-shell';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { BillStatusBadge } from '@/components/money/bill-status-badge';
import { Alert } from '@/components/ui/alert';
import { PayButton } from './how-to-pay';
import { OnlineActions, PayBar, useBillSelection, useCheckout } from './pay-online';

const STATUSES = ['OPEN', 'PARTLY_PAID', 'PAID', 'VOID'] as const;
const FILTERS = { status: parseAsStringLiteral(STATUSES) };
type Bill = RouterOutputs['myBills']['listBills']['rows'][number];

/** A resident's bills by period, newest first, made for a phone. */
export function MyBills() {
  const t = useTranslations('myBills.bills');
  const tStatus = useTranslations('enums.billStatus');
  const { slug } = useTenant();
  const money = useMoney();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { pageSize: 30 });
  const status = list.values.status ?? '';
  const summary = useQuery(trpc.myBills.getSummary.queryOptions({ tenant: slug }));
  // Online payment when the company takes it; otherwise 去缴费 says how to pay at the office.
  const online = useQuery(trpc.myBills.getHowToPay.queryOptions({ tenant: slug })).data?.online === true;
  const selection = useBillSelection<Bill>();
  const checkout = useCheckout();
  const query = useQuery({
    ...trpc.myBills.listBills.queryOptions({ tenant: slug, status: list.input.status, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });

  const periods: { period: string; bills: Bill[] }[] = [];
  for (const b of query.data?.rows ?? []) {
    const last = periods[periods.length - 1];
    if (last?.period === b.period) last.bills.push(b);
    else periods.push({ period: b.period, bills: [b] });
  }

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-lg font-semibold text-gray-900">{t('title')}</h1>
        <Link href={`/${slug}/my-payments`} className="text-sm text-brand-700 hover:underline">
          {t('payments')}
        </Link>
      </div>
      {summary.data && (
        <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
          <div className="flex items-end justify-between gap-3">
            <div>
              <p className="text-xs text-gray-500">{t('owed')}</p>
              <p className="text-2xl font-semibold tabular-nums">{money(summary.data.owedFen)}</p>
            </div>
            {!online && summary.data.owedFen > 0 && <PayButton />}
          </div>
          <p className="mt-1 text-xs text-gray-500">
            {t('overdueLine', { overdue: money(summary.data.overdueFen) })} · {t('creditLine', { credit: money(summary.data.creditFen) })}
          </p>
          {online && (
            <div className="mt-3 border-t border-gray-100 pt-3">
              <OnlineActions owedFen={summary.data.owedFen} pending={checkout.pending} onPayAll={() => checkout.start({ allDue: true })} />
            </div>
          )}
        </div>
      )}
      {checkout.error && <Alert tone="error">{checkout.error}</Alert>}
      <div role="radiogroup" aria-label={t('filter')} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1">
        {(['', 'OPEN', 'PARTLY_PAID', 'PAID', 'VOID'] as const).map((s) => (
          <button
            key={s || 'all'}
            type="button"
            role="radio"
            aria-checked={status === s}
            onClick={() => list.setFilter('status', s || null)}
            className={`shrink-0 rounded-full border px-3 py-1 text-sm ${status === s ? 'border-brand-600 bg-brand-600 text-white' : 'border-gray-300 bg-white text-gray-700'}`}
          >
            {s ? tStatus(s) : t('all')}
          </button>
        ))}
      </div>
      <ListShell
        list={list}
        query={{ isPending: query.isPending, error: query.error }}
        rows={query.data ? periods : undefined}
        total={query.data?.total}
        compactPages
        caption={t('title')}
        testId="my-bills"
        listClassName="space-y-4"
        rowKey={(p) => p.period}
        empty={
          <>
            <span className="block font-medium text-gray-900">{t('none')}</span>
            {t('noneBody')}
          </>
        }
        noMatches={t('noneWithStatus')}
        item={(p) => (
          <section aria-labelledby={`period-${p.period}`}>
            <h2 id={`period-${p.period}`} className="mb-2 text-sm font-semibold text-gray-600">
              {t('period', { period: p.period })}
            </h2>
            <ul className="space-y-2">
              {p.bills.map((b) => (
                <li
                  key={b.id}
                  data-testid="bill-row"
                  data-state={b.status === 'VOID' ? 'dimmed' : undefined}
                  className={`rounded-xl border border-gray-200 bg-white p-3 shadow-sm ${b.status === 'VOID' ? DIMMED : ''}`}
                >
                  <div className="flex items-start justify-between gap-3">
                    {online && selection.payable(b) && (
                      <input
                        type="checkbox"
                        className="mt-0.5 size-5 shrink-0 accent-brand-600"
                        checked={selection.isSelected(b)}
                        onChange={(e) => selection.toggle(b, e.target.checked)}
                        aria-label={t('select', { name: b.feeItem ?? (b.description || t(`kind.${b.kind}`)), period: b.period })}
                        data-testid="bill-select"
                      />
                    )}
                    <div className="min-w-0 flex-1">
                      <p className="font-medium text-gray-900">{b.feeItem ?? (b.description || t(`kind.${b.kind}`))}</p>
                      <p className="truncate text-xs text-gray-500">
                        {b.objectKind === 'PARKING' ? t('space', { number: b.object.label }) : `${b.object.building} ${b.object.label}`}
                      </p>
                    </div>
                    <BillStatusBadge status={b.status} overdue={b.daysOverdue > 0} />
                  </div>
                  <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
                    <div>
                      <dt className="text-xs text-gray-500">{t('amount')}</dt>
                      <dd className="tabular-nums">{money(b.amountFen)}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-gray-500">{t('outstanding')}</dt>
                      <dd className={`font-semibold tabular-nums ${b.outstandingFen > 0 ? 'text-gray-900' : 'text-brand-700'}`}>{money(b.outstandingFen)}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-gray-500">{t('due')}</dt>
                      <dd className={`tabular-nums ${b.daysOverdue > 0 ? 'text-red-700' : ''}`}>{b.dueDate}</dd>
                    </div>
                  </dl>
                  {(b.daysOverdue > 0 || b.accruedLateFeeFen > 0 || b.adjustedFen > 0) && (
                    <p className="mt-2 text-xs text-gray-600">
                      {b.daysOverdue > 0 && <span className="text-red-700">{t('overdueDays', { days: b.daysOverdue })}</span>}
                      {b.accruedLateFeeFen > 0 && <span> · {t('lateFee', { amount: money(b.accruedLateFeeFen) })}</span>}
                      {b.adjustedFen > 0 && <span> · {t('adjusted', { amount: money(b.adjustedFen) })}</span>}
                    </p>
                  )}
                  {b.status === 'VOID' && b.voidReason && <p className="mt-2 text-xs text-gray-500">{t('voided', { reason: b.voidReason })}</p>}
                </li>
              ))}
            </ul>
          </section>
        )}
      />
      <PayBar
        count={selection.count}
        totalFen={selection.totalFen}
        lateFeeFen={selection.lateFeeFen}
        pending={checkout.pending}
        onPay={() => checkout.start({ billIds: selection.ids })}
        onClear={selection.clear}
      />
      {checkout.sheet}
    </div>
  );
}

'use client';
import { useEffect } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { can } from '@/server/shared/permissions';

type Receipt = RouterOutputs['payments']['getReceipt'];

/**
 * 收款收据, laid out for paper: the app's header and menu are hidden when printing (.no-print),
 * so Print gives a clean page. A reversed receipt carries a 红冲 stamp.
 */
export function ReceiptView({ receipt: r, autoPrint, backHref }: { receipt: Receipt; autoPrint?: boolean; backHref: string }) {
  const t = useTranslations('cashier.receipt');
  const tMethod = useTranslations('enums.paymentMethod');
  const { slug, role } = useTenant();
  // Staff open the bill a line paid; a resident's receipt names it only.
  const staff = can(role, 'fees.read');
  const money = useMoney();
  useEffect(() => {
    if (!autoPrint) return;
    const id = setTimeout(() => window.print(), 300);
    return () => clearTimeout(id);
  }, [autoPrint]);

  return (
    <div className="mx-auto max-w-3xl">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-2">
        <Link href={backHref} className="text-sm text-brand-700 hover:underline">
          ← {t('back')}
        </Link>
        <div className="flex gap-2">
          <a
            href={`/api/receipts/${r.id}/pdf?tenant=${slug}`}
            className="inline-flex h-10 items-center rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-800 shadow-sm hover:bg-gray-50"
          >
            {t('pdf')}
          </a>
          <Button onClick={() => window.print()}>{t('print')}</Button>
        </div>
      </div>
      <article
        data-testid="receipt"
        aria-label={t('title')}
        className="relative overflow-hidden rounded-lg border border-gray-300 bg-white p-5 text-gray-900 shadow-sm sm:p-8 print:rounded-none print:border-0 print:p-0 print:shadow-none"
      >
        {!r.reversed && r.refunds.length > 0 && (
          <div
            data-testid="receipt-refunded-stamp"
            className="pointer-events-none absolute top-16 right-6 rotate-[-14deg] rounded-md border-4 border-red-600 px-4 py-1 text-center text-red-600 opacity-80"
          >
            <p className="text-2xl font-bold tracking-[0.2em]">{r.remainingFen === 0 ? t('refundedFullStamp') : t('refundedStamp')}</p>
            <p className="text-xs">{r.refunds.at(-1)!.on}</p>
          </div>
        )}
        {r.reversed && (
          <div
            data-testid="receipt-reversed"
            className="pointer-events-none absolute top-16 right-6 rotate-[-14deg] rounded-md border-4 border-red-600 px-4 py-1 text-center text-red-600 opacity-80"
          >
            <p className="text-3xl font-bold tracking-[0.3em]">红冲</p>
            <p className="text-xs">{r.reversed.on}</p>
          </div>
        )}
        <header className="border-b-2 border-gray-800 pb-3 text-center">
          <p className="text-lg font-semibold">{r.companyName}</p>
          {(r.company.address || r.company.phone) && (
            <p className="mt-0.5 text-xs text-gray-700" data-testid="receipt-company-contact">
              {r.company.address && (
                <span>
                  {t('address')}: {r.company.address}
                </span>
              )}
              {r.company.address && r.company.phone && <span aria-hidden="true">　</span>}
              {r.company.phone && (
                <span>
                  {t('phone')}: {r.company.phone}
                </span>
              )}
            </p>
          )}
          <h1 className="mt-1 text-2xl font-bold tracking-[0.5em]">{t('heading')}</h1>
        </header>
        <div className="mt-3 flex flex-wrap justify-between gap-2 text-sm">
          <p>
            {t('receiptNo')}:{' '}
            <span data-testid="receipt-no" className="font-mono font-semibold">
              {r.receiptNo}
            </span>
          </p>
          <p>
            {t('receivedOn')}: <span className="tabular-nums">{r.receivedOn}</span>
          </p>
        </div>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 print:grid-cols-2">
          <div className="flex gap-2">
            <dt className="shrink-0 text-gray-600">{r.payer.kind === 'UNIT' ? t('unit') : t('parkingSpace')}:</dt>
            <dd className="font-medium">{r.payer.label}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="shrink-0 text-gray-600">{t('payerName')}:</dt>
            <dd className="font-medium">{r.payer.name || '—'}</dd>
          </div>
        </dl>
        <table className="mt-4 w-full border-collapse text-sm">
          <thead>
            <tr className="border-y border-gray-400 bg-gray-50 print:bg-white">
              <th className="px-2 py-1.5 text-left font-semibold">{t('item')}</th>
              <th className="px-2 py-1.5 text-left font-semibold">{t('period')}</th>
              <th className="px-2 py-1.5 text-right font-semibold">{t('billAmount')}</th>
              <th className="px-2 py-1.5 text-right font-semibold">{t('paidNow')}</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr key={i.billId} className="border-b border-gray-200" data-testid="receipt-item">
                <td className="px-2 py-1.5">
                  {staff ? (
                    <Link href={`/${slug}/bills/${i.billId}`} className="text-brand-700 hover:underline print:text-inherit print:no-underline">
                      {i.name}
                    </Link>
                  ) : (
                    i.name
                  )}
                  {i.object && <span className="ml-1 text-gray-600">({i.object})</span>}
                </td>
                <td className="px-2 py-1.5 tabular-nums">{i.periodLabel}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{money(i.billAmountFen)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{money(i.amountFen)}</td>
              </tr>
            ))}
            {r.items.length === 0 && (
              <tr className="border-b border-gray-200">
                <td colSpan={4} className="px-2 py-1.5 text-gray-600">
                  {t('noItems')}
                </td>
              </tr>
            )}
            {r.creditUsedFen > 0 && (
              <tr className="border-b border-gray-200">
                <td colSpan={3} className="px-2 py-1.5 text-right text-gray-600">
                  {t('creditUsed')}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">−{money(r.creditUsedFen)}</td>
              </tr>
            )}
            {r.creditAddedFen > 0 && (
              <tr className="border-b border-gray-200">
                <td colSpan={3} className="px-2 py-1.5 text-right text-gray-600">
                  {t('creditAdded')}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{money(r.creditAddedFen)}</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr className="border-y-2 border-gray-800">
              <td colSpan={2} className="px-2 py-2">
                <span className="text-gray-600">{t('totalCapital')}: </span>
                <span className="font-semibold">
                  {t('rmb')} <span data-testid="receipt-capital">{r.totalCapital}</span>
                </span>
              </td>
              <td colSpan={2} className="px-2 py-2 text-right">
                <span className="text-gray-600">{t('total')}: </span>
                <span className="text-lg font-bold tabular-nums" data-testid="receipt-total">
                  {money(r.totalFen)}
                </span>
              </td>
            </tr>
          </tfoot>
        </table>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3 print:grid-cols-3">
          <div className="flex gap-2">
            <dt className="text-gray-600">{t('method')}:</dt>
            <dd>{tMethod(r.method as Parameters<typeof tMethod>[0])}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-gray-600">{t('enteredAt')}:</dt>
            <dd className="tabular-nums">{r.enteredAt}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-gray-600">{t('cashier')}:</dt>
            <dd>{r.cashier}</dd>
          </div>
          {r.countedOn !== r.receivedOn && (
            <div className="flex gap-2">
              <dt className="text-gray-600">{t('countedOn')}:</dt>
              <dd className="tabular-nums">{r.countedOn}</dd>
            </div>
          )}
          <div className="flex gap-2">
            <dt className="text-gray-600">{t('invoiceNo')}:</dt>
            <dd>{r.invoiceNo ?? '—'}</dd>
          </div>
          {r.note && (
            <div className="col-span-full flex gap-2">
              <dt className="text-gray-600">{t('note')}:</dt>
              <dd>{r.note}</dd>
            </div>
          )}
        </dl>
        {r.reversed && (
          <p className="mt-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 print:bg-white">
            {t('reversedLine', { at: r.reversed.at, by: r.reversed.by, reason: r.reversed.reason || '—' })}
          </p>
        )}
        {r.refunds.length > 0 && (
          <div data-testid="receipt-refunds" className="mt-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 print:bg-white">
            <p className="font-medium">{t('refundsTitle')}</p>
            <ul className="mt-1 space-y-0.5">
              {r.refunds.map((x) => (
                <li key={x.id} className="tabular-nums">
                  {t('refundLine', { amount: money(x.amountFen), on: x.on })}
                  {x.countedOn && x.countedOn !== x.on ? ` · ${t('refundCountedOn', { on: x.countedOn })}` : ''}
                  {x.reason ? ` · ${x.reason}` : ''}
                </li>
              ))}
            </ul>
            <p className="mt-1 font-medium tabular-nums">{t('refundRemaining', { amount: money(r.remainingFen) })}</p>
          </div>
        )}
        <footer className="relative mt-8 grid grid-cols-2 gap-6 text-sm text-gray-600">
          <p>{t('signPayer')}: ____________</p>
          <p>{t('signCashier')}: ____________</p>
          {r.company.seal && (
            // eslint-disable-next-line @next/next/no-img-element -- a data: URL from the server, not an optimizable asset
            <img
              src={r.company.seal}
              alt={t('seal')}
              data-testid="receipt-seal"
              className="pointer-events-none absolute -top-16 right-4 size-24 object-contain opacity-90"
            />
          )}
        </footer>
        <p className="mt-4 text-center text-xs text-gray-600" data-testid="receipt-not-invoice">
          {t('notInvoice')}
        </p>
      </article>
    </div>
  );
}

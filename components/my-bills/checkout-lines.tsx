'use client';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useMoney } from '@/components/tenant/format';

type Intent = RouterOutputs['onlinePayments']['getCheckout'];
type Line = Intent['lines'][number];

/** What an online payment attempt pays, as the server built it: a line per bill, late fees on their own lines, the total. */
export function CheckoutLines({ intent }: { intent: Intent }) {
  const t = useTranslations('myBills.online');
  const money = useMoney();
  const name = (l: Line) => l.feeItem ?? (l.description || t('otherFee'));
  /** an accrued late fee (its own line) or a late-fee bill already charged */
  const late = (l: Line) => l.lateFee || l.kind === 'LATE_FEE';
  return (
    <div data-testid="checkout-lines">
      {intent.purpose === 'TOP_UP' ? (
        <p className="flex justify-between gap-2 text-sm">
          <span>{t('topUpLine')}</span>
          <span className="tabular-nums">{money(intent.amountFen)}</span>
        </p>
      ) : (
        <ul className="divide-y divide-gray-100 text-sm">
          {intent.lines.map((l, i) => (
            <li key={`${l.billId}-${l.lateFee ? 'late' : 'bill'}-${i}`} className="flex justify-between gap-2 py-1.5" data-testid="checkout-line">
              <span className="min-w-0">
                <span className={late(l) ? 'text-red-700' : 'text-gray-900'}>{late(l) ? t('lateFeeOf', { item: name(l) }) : name(l)}</span>{' '}
                <span className="text-xs text-gray-500">{t('period', { period: l.period })}</span>
              </span>
              <span className="shrink-0 tabular-nums">{money(l.amountFen)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 flex justify-between gap-2 border-t border-gray-200 pt-2 font-semibold">
        <span>{t('total')}</span>
        <span className="tabular-nums" data-testid="checkout-total">
          {money(intent.amountFen)}
        </span>
      </p>
    </div>
  );
}

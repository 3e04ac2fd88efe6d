import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/api-types';
import { formatFen } from '@/server/shared/money';
import { PayButton } from './how-to-pay';

type Summary = RouterOutputs['myBills']['getSummary'];

/** The resident home's fees card: what is owed, how much is overdue, the credit balance. */
export async function FeesCard({ slug, summary, currency }: { slug: string; summary: Summary; currency: string }) {
  const t = await getTranslations('myBills.card');
  const locale = await getLocale();
  const money = (fen: number) => formatFen(fen, currency, locale);
  const settled = summary.owedFen === 0;
  return (
    <section data-testid="fees-card" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" aria-labelledby="fees-card-title">
      <div className="flex items-start justify-between gap-3">
        <h2 id="fees-card-title" className="text-base font-semibold text-gray-900">
          {t('title')}
        </h2>
        <Link href={`/${slug}/my-bills`} className="text-sm text-brand-700 hover:underline">
          {t('allBills')} →
        </Link>
      </div>
      <p className="mt-3 text-xs text-gray-500">{t('owed')}</p>
      <p className={`text-3xl font-semibold tracking-tight tabular-nums ${settled ? 'text-brand-700' : 'text-gray-900'}`} data-testid="fees-owed">
        {money(summary.owedFen)}
      </p>
      <p className="mt-0.5 text-xs text-gray-500">{settled ? t('allPaid') : t('openBills', { count: summary.openBills })}</p>
      <dl className="mt-3 grid grid-cols-2 gap-2 border-t border-gray-100 pt-3 text-sm">
        <div>
          <dt className="text-xs text-gray-500">{t('overdue')}</dt>
          <dd className={`font-semibold tabular-nums ${summary.overdueFen > 0 ? 'text-red-700' : ''}`} data-testid="fees-overdue">
            {money(summary.overdueFen)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-gray-500">{t('credit')}</dt>
          <dd className="font-semibold tabular-nums" data-testid="fees-credit">
            {money(summary.creditFen)}
          </dd>
        </div>
      </dl>
      {!settled && (
        <div className="mt-4">
          <PayButton full />
        </div>
      )}
      <p className="mt-3 text-center text-xs">
        <Link href={`/${slug}/my-payments`} className="text-brand-700 hover:underline">
          {t('payments')}
        </Link>
      </p>
    </section>
  );
}

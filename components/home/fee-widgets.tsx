import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatFen } from '@/server/shared/money';
import type { RouterOutputs } from '@/components/api-types';

type Summary = RouterOutputs['collection']['getSummary'];
type DayFigures = Pick<RouterOutputs['payments']['getDayTotals'], 'closed' | 'moneyNetFen' | 'count'>;

export interface FeeWidgetData {
  summary?: Summary | null;
  today?: DayFigures | null;
  arrearsFen?: number | null;
  pendingRefunds?: number | null;
  pendingAdjustments?: number | null;
}

const pct = (rate: number | null, locale: string) =>
  rate == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);

/** The staff dashboard's fee figures: this period's rates, today's takings, arrears, approvals. */
export async function FeeWidgets({ slug, currency, data }: { slug: string; currency: string; data: FeeWidgetData }) {
  const t = await getTranslations('home.fees');
  const locale = await getLocale();
  const money = (fen: number) => formatFen(fen, currency, locale);
  const tiles: { key: string; href: string; label: string; value: string; sub?: string }[] = [];
  if (data.summary) {
    const s = data.summary;
    tiles.push({
      key: 'rate',
      href: `/${slug}/collection`,
      label: t('currentRate', { period: s.period }),
      value: pct(s.rates.currentPeriod.rate, locale),
      sub: t('collectedOfBilled', { collected: money(s.collectedFen), billed: money(s.billedFen) }),
    });
    tiles.push({
      key: 'overall',
      href: `/${slug}/collection`,
      label: t('overallRate'),
      value: pct(s.rates.overall.rate, locale),
      sub: t('household', { rate: pct(s.rates.household.rate, locale) }),
    });
  }
  if (data.today) {
    tiles.push({
      key: 'today',
      href: `/${slug}/day-close`,
      label: data.today.closed ? t('todayClosed') : t('today'),
      value: money(data.today.moneyNetFen),
      sub: t('records', { count: data.today.count }),
    });
  }
  if (data.arrearsFen != null) tiles.push({ key: 'arrears', href: `/${slug}/arrears`, label: t('arrears'), value: money(data.arrearsFen) });
  if (data.pendingRefunds) tiles.push({ key: 'refunds', href: `/${slug}/refunds`, label: t('pendingRefunds'), value: String(data.pendingRefunds) });
  if (data.pendingAdjustments)
    tiles.push({ key: 'adjustments', href: `/${slug}/adjustments`, label: t('pendingAdjustments'), value: String(data.pendingAdjustments) });
  if (!tiles.length) return null;
  return (
    <section aria-labelledby="fee-widgets-title">
      <h2 id="fee-widgets-title" className="mb-2 text-sm font-semibold text-gray-600">
        {t('title')}
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((s) => (
          <Link
            key={s.key}
            href={s.href}
            data-testid={`fee-stat-${s.key}`}
            className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm transition-colors hover:border-brand-500"
          >
            <p className="text-sm text-gray-500">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{s.value}</p>
            {s.sub && <p className="mt-1 text-xs text-gray-500">{s.sub}</p>}
          </Link>
        ))}
      </div>
    </section>
  );
}

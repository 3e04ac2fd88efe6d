'use client';
import { useLocale } from 'next-intl';
import { formatRate } from '@/components/tenant/format';

/** One rate with its numerator and denominator, so anyone can check it by hand. */
export function RateCard({
  testId,
  title,
  rate,
  numerator,
  denominator,
  numeratorLabel,
  denominatorLabel,
}: {
  testId: string;
  title: string;
  rate: number | null;
  numerator: string;
  denominator: string;
  numeratorLabel: string;
  denominatorLabel: string;
}) {
  const locale = useLocale();
  return (
    <div data-testid={testId} className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <p className="text-sm font-medium text-gray-600">{title}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight tabular-nums text-gray-900" data-role="rate">
        {formatRate(rate, locale)}
      </p>
      <div className="mt-3 border-t border-gray-100 pt-2 text-xs text-gray-600">
        <RateTerm label={numeratorLabel} role="numerator" value={numerator} />
        <div className="my-1 border-t border-gray-300" aria-hidden />
        <RateTerm label={denominatorLabel} role="denominator" value={denominator} />
      </div>
    </div>
  );
}

/** The numerator or the denominator of a rate: its label, then its figure. */
function RateTerm({ label, role, value }: { label: string; role: 'numerator' | 'denominator'; value: string }) {
  return (
    <div className="flex items-baseline justify-between gap-2">
      <span className="min-w-0">{label}</span>
      <span className="shrink-0 font-medium tabular-nums text-gray-900" data-role={role}>
        {value}
      </span>
    </div>
  );
}
